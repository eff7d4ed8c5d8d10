//! THREAD data (RFC 5256 §4): a forest of message threads.

/// One thread-list: a chain of messages (each the parent of the next), then the threads that
/// branch off the last of them. A list with no messages of its own (`((1)(2))`) stands for a
/// parent that is missing from the mailbox: its children are siblings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Thread {
    pub messages: Vec<u32>,
    pub children: Vec<Thread>,
}

impl Thread {
    /// Every message number in the thread, depth first.
    pub fn all_messages(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(t) = stack.pop() {
            out.extend_from_slice(&t.messages);
            stack.extend(t.children.iter().rev());
        }
        out
    }
}
