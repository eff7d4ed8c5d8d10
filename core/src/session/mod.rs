//! The sans-IO client session: connection states, tags, STARTTLS policy, capabilities,
//! continuation handling and SASL exchanges. It never touches a socket: the driver feeds it
//! received bytes and writes what it asks to send.
