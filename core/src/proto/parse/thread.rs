//! `THREAD` data (RFC 5256 §4), read without recursion: nesting is bounded by
//! `Limits::max_depth`, and the number of messages and lists by `Limits::max_items`.
use super::token::{fail, number, R};
use super::ParseOptions;
use crate::proto::thread::Thread;

/// After `THREAD`: zero or more thread-lists.
pub(crate) fn thread_data<'a>(i: &'a [u8], opts: &ParseOptions) -> R<'a, Vec<Thread>> {
    let mut out = Vec::new();
    let mut stack: Vec<Thread> = Vec::new();
    let mut items = 0usize;
    let mut r = i;
    loop {
        match r.first() {
            Some(b' ') => r = &r[1..],
            Some(b'(') => {
                if stack.len() >= opts.limits.max_depth {
                    return fail(r);
                }
                items += 1;
                stack.push(Thread::default());
                r = &r[1..];
            }
            Some(b')') => {
                let Some(t) = stack.pop() else { return fail(r) };
                if t.messages.is_empty() && t.children.len() < 2 {
                    return fail(r);
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(t),
                    None => out.push(t),
                }
                r = &r[1..];
            }
            Some(b'1'..=b'9') => {
                let (rest, n) = number(r)?;
                match stack.last_mut() {
                    Some(t) if t.children.is_empty() => t.messages.push(n),
                    _ => return fail(r),
                }
                items += 1;
                r = rest;
            }
            None if stack.is_empty() => return Ok((r, out)),
            _ => return fail(r),
        }
        if items > opts.limits.max_items {
            return fail(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::p;
    use crate::proto::framer::Limits;
    use crate::proto::parse::{parse_response, ParseOptions};
    use crate::proto::response::{Response, Untagged};
    use crate::proto::thread::Thread;

    fn t(messages: &[u32], children: Vec<Thread>) -> Thread {
        Thread {
            messages: messages.to_vec(),
            children,
        }
    }

    fn threads(line: &[u8]) -> Vec<Thread> {
        match p(line) {
            Response::Untagged(Untagged::Thread(t)) => t,
            other => panic!("not THREAD: {other:?}"),
        }
    }

    #[test]
    fn rfc5256_examples() {
        // §4: "(2)(3 6 (4 23)(44 7 96))".
        assert_eq!(
            threads(b"* THREAD (2)(3 6 (4 23)(44 7 96))\r\n"),
            vec![
                t(&[2], vec![]),
                t(&[3, 6], vec![t(&[4, 23], vec![]), t(&[44, 7, 96], vec![])])
            ]
        );
        // §4, a missing parent: "((3)(5))".
        assert_eq!(
            threads(b"* THREAD ((3)(5))\r\n"),
            vec![t(&[], vec![t(&[3], vec![]), t(&[5], vec![])])]
        );
        let refs = threads(b"* THREAD (166)(167)(168)(169)(172)((170)(179))(171)(173)((174)(175)(176)(178)(181)(180))((177)(183)(182)(188 (184)(189))(185 186)(187))(190)(191)(192)(193)((194)(195 196))(197 198)(199)(200 202)(201)(203)(204)(205 206 207)(208)\r\n");
        assert_eq!(refs.len(), 23);
        assert_eq!(refs[5], t(&[], vec![t(&[170], vec![]), t(&[179], vec![])]));
        assert_eq!(
            refs[9].children[3],
            t(&[188], vec![t(&[184], vec![]), t(&[189], vec![])])
        );
        assert_eq!(
            refs[9].all_messages(),
            vec![177, 183, 182, 188, 184, 189, 185, 186, 187]
        );
        assert_eq!(threads(b"* THREAD\r\n"), vec![]);
        assert_eq!(threads(b"* THREAD \r\n"), vec![]);
    }

    #[test]
    fn malformed_and_bounded() {
        for bad in [
            &b"* THREAD (1\r\n"[..],
            b"* THREAD 1)\r\n",
            b"* THREAD ((1)(2) 3)\r\n",
            b"* THREAD (0)\r\n",
            b"* THREAD ()\r\n",
            b"* THREAD ((1))\r\n",
            b"* THREAD (x)\r\n",
        ] {
            assert!(
                matches!(p(bad), Response::Untagged(Untagged::Other { .. })),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        let opts = ParseOptions {
            limits: Limits {
                max_depth: 4,
                max_items: 5,
                ..Limits::default()
            },
            ..ParseOptions::default()
        };
        let ok = parse_response(b"* THREAD (1 (2)(3 (4)(5)))\r\n", &opts);
        assert!(
            matches!(ok, Response::Untagged(Untagged::Other { .. })),
            "too many items"
        );
        let deep = format!(
            "* THREAD {}1{}\r\n",
            "(".repeat(100_000),
            ")".repeat(100_000)
        );
        assert!(matches!(
            parse_response(deep.as_bytes(), &ParseOptions::default()),
            Response::Untagged(Untagged::Other { .. })
        ));
    }

    #[test]
    fn sort() {
        assert_eq!(
            p(b"* SORT 2 84 882\r\n"),
            Response::Untagged(Untagged::Sort {
                ids: vec![2, 84, 882],
                modseq: None
            })
        );
        assert_eq!(
            p(b"* SORT 5 3 4 1 2\r\n"),
            Response::Untagged(Untagged::Sort {
                ids: vec![5, 3, 4, 1, 2],
                modseq: None
            })
        );
        assert_eq!(
            p(b"* SORT\r\n"),
            Response::Untagged(Untagged::Sort {
                ids: vec![],
                modseq: None
            })
        );
        assert_eq!(
            p(b"* SORT 2 3 6 (MODSEQ 917162500)\r\n"),
            Response::Untagged(Untagged::Sort {
                ids: vec![2, 3, 6],
                modseq: Some(917162500)
            })
        );
    }
}
