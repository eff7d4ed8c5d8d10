//! Which connection states allow each command (RFC 9051 §6). The match is exhaustive so that a
//! new command cannot be added without deciding where it may be sent.
use super::State;
use crate::proto::command::Command;

const ANY: &[State] = &[
    State::NotAuthenticated,
    State::Authenticated,
    State::Selected,
];
const NOT_AUTHENTICATED: &[State] = &[State::NotAuthenticated];
const AUTHENTICATED: &[State] = &[State::Authenticated, State::Selected];
const SELECTED: &[State] = &[State::Selected];

pub(super) fn allowed(cmd: &Command) -> &'static [State] {
    match cmd {
        Command::Capability | Command::Noop | Command::Logout | Command::Id(_) => ANY,
        Command::StartTls | Command::Login { .. } | Command::Authenticate { .. } => {
            NOT_AUTHENTICATED
        }
        Command::Enable(_)
        | Command::Select { .. }
        | Command::Create { .. }
        | Command::Delete(_)
        | Command::Rename { .. }
        | Command::Subscribe(_)
        | Command::Unsubscribe(_)
        | Command::List(_)
        | Command::Lsub { .. }
        | Command::Namespace
        | Command::Status { .. }
        | Command::Append { .. }
        | Command::Idle
        | Command::GetQuota(_)
        | Command::GetQuotaRoot(_)
        | Command::SetQuota { .. }
        | Command::GetMetadata { .. }
        | Command::SetMetadata { .. }
        | Command::CompressDeflate => AUTHENTICATED,
        Command::Check
        | Command::Close
        | Command::Unselect
        | Command::Expunge
        | Command::UidExpunge(_)
        | Command::Search(_)
        | Command::Fetch { .. }
        | Command::Store { .. }
        | Command::StoreLabels { .. }
        | Command::Copy { .. }
        | Command::Move { .. }
        | Command::Sort(_)
        | Command::Thread(_) => SELECTED,
    }
}
