//! Retrying, as tables: the retry policy's decisions and the attempt state
//! machine's steps for every kind of outcome, natively.
#![cfg(not(target_arch = "wasm32"))]

use tidings::error::{ErrorBody, ErrorKind, Provider};
use tidings::http::{HttpResponse, Method};
use tidings::options::CallSettings;
use tidings::retry::{
    parse_http_date, parse_retry_after, Attempts, Failure, Outcome, RetryPolicy, Step,
};

fn answer(status: u16, retry_after: Option<&'static str>) -> Outcome<'static> {
    Outcome::Answered(HttpResponse {
        status,
        content_type: None,
        retry_after,
        body: "",
    })
}

const ELSEWHERE: &str = "https://elsewhere.example/v3/x";
const HERE: &str = "https://api.example/v3/y";

fn redirect(status: u16, location: &'static str) -> Outcome<'static> {
    Outcome::Redirected {
        status,
        location: Some(location),
        same_origin: location == HERE,
    }
}

/// What a step looks like in a table: `Wait(ms)`, `Done`, or the error's
/// kind name, attempts, `mayHaveBeenSent` and, for timeouts, which limit.
#[derive(Debug, PartialEq)]
enum Seen {
    Done,
    Wait(u32),
    Follow(String),
    GaveUp(&'static str, u32, bool, Option<(u32, bool)>),
}

fn seen(step: Step) -> Seen {
    match step {
        Step::Done => Seen::Done,
        Step::Wait(ms) => Seen::Wait(ms),
        Step::Follow(url) => Seen::Follow(url),
        Step::GiveUp(e) => {
            let timeout = match e.kind {
                ErrorKind::Timeout { after_ms, total } => Some((after_ms, total)),
                _ => None,
            };
            Seen::GaveUp(
                e.kind.name(),
                e.context.attempts,
                e.context.may_have_been_sent,
                timeout,
            )
        }
    }
}

/// Runs attempts at the given times with the given outcomes (random 0.5)
/// and returns each attempt's time limit and what followed it.
fn drive(
    method: Method,
    settings: CallSettings,
    script: &[(f64, Outcome<'static>)],
) -> Vec<(f64, Seen)> {
    // Calls start at a real clock reading: times in the rows are from the start.
    let mut attempts = Attempts::new(settings, method, Provider::Tiledesk, NOW);
    script
        .iter()
        .map(|(at, outcome)| {
            let limit = attempts.start(NOW + *at);
            (limit, seen(attempts.next(*outcome, NOW + *at + 1.0, 0.5)))
        })
        .collect()
}

fn settings(timeout_ms: u32, total_timeout_ms: Option<u32>, retries: u32) -> CallSettings {
    CallSettings {
        timeout_ms,
        total_timeout_ms,
        retry: RetryPolicy {
            retries,
            base_delay_ms: 100,
            max_delay_ms: 1000,
            max_retry_after_ms: 5000,
        },
        ..CallSettings::default()
    }
}

/// A table row: name, method, settings, the attempts' (start time,
/// outcome), and each attempt's (time limit, what followed).
type Row = (
    &'static str,
    Method,
    CallSettings,
    Vec<(f64, Outcome<'static>)>,
    Vec<(f64, Seen)>,
);

#[test]
fn every_call_follows_its_table() {
    use Method::{Get, Post};
    use Seen::{Done, Follow, GaveUp, Wait};
    let follow = || Follow(HERE.to_owned());
    let hidden = Outcome::Redirected {
        status: 0,
        location: None,
        same_origin: false,
    };
    let network = Outcome::Network("fetch failed (ECONNREFUSED)");
    let rows: Vec<Row> = vec![
        (
            "a 200 is done",
            Get,
            settings(1000, None, 2),
            vec![(0.0, answer(200, None))],
            vec![(1000.0, Done)],
        ),
        (
            "a 204 is done",
            Post,
            settings(1000, None, 2),
            vec![(0.0, answer(204, None))],
            vec![(1000.0, Done)],
        ),
        (
            "a read retries a 503 then succeeds",
            Get,
            settings(1000, None, 2),
            vec![(0.0, answer(503, None)), (60.0, answer(200, None))],
            vec![(1000.0, Wait(50)), (1000.0, Done)],
        ),
        (
            "a read gives up after its retries",
            Get,
            settings(1000, None, 2),
            vec![
                (0.0, answer(500, None)),
                (60.0, answer(502, None)),
                (200.0, answer(504, None)),
            ],
            vec![
                (1000.0, Wait(50)),
                (1000.0, Wait(100)),
                (1000.0, GaveUp("http", 3, false, None)),
            ],
        ),
        (
            "a read never retries a 404",
            Get,
            settings(1000, None, 2),
            vec![(0.0, answer(404, None))],
            vec![(1000.0, GaveUp("http", 1, false, None))],
        ),
        (
            "a read retries a network error and a timeout",
            Get,
            settings(1000, None, 2),
            vec![
                (0.0, network),
                (60.0, Outcome::TimedOut),
                (1200.0, answer(200, None)),
            ],
            vec![(1000.0, Wait(50)), (1000.0, Wait(100)), (1000.0, Done)],
        ),
        (
            "a read's timeout error names the per-attempt limit",
            Get,
            settings(1000, None, 0),
            vec![(0.0, Outcome::TimedOut)],
            vec![(1000.0, GaveUp("timeout", 1, false, Some((1000, false))))],
        ),
        (
            "a send is never retried after a 500",
            Post,
            settings(1000, None, 2),
            vec![(0.0, answer(500, None))],
            vec![(1000.0, GaveUp("http", 1, true, None))],
        ),
        (
            "a send is never retried after a network error",
            Post,
            settings(1000, None, 2),
            vec![(0.0, network)],
            vec![(1000.0, GaveUp("network", 1, true, None))],
        ),
        (
            "a send is never retried after a timeout",
            Post,
            settings(1000, None, 2),
            vec![(0.0, Outcome::TimedOut)],
            vec![(1000.0, GaveUp("timeout", 1, true, Some((1000, false))))],
        ),
        (
            "a send's 422 was not sent",
            Post,
            settings(1000, None, 2),
            vec![(0.0, answer(422, None))],
            vec![(1000.0, GaveUp("http", 1, false, None))],
        ),
        (
            "a send retries a 429 as Retry-After says",
            Post,
            settings(1000, None, 2),
            vec![(0.0, answer(429, Some("2"))), (2100.0, answer(200, None))],
            vec![(1000.0, Wait(2000)), (1000.0, Done)],
        ),
        (
            "a send retries a 503 with Retry-After only",
            Post,
            settings(1000, None, 2),
            vec![(0.0, answer(503, Some("1"))), (1100.0, answer(503, None))],
            vec![
                (1000.0, Wait(1000)),
                (1000.0, GaveUp("http", 2, true, None)),
            ],
        ),
        (
            "a send that keeps getting 429 was never sent",
            Post,
            settings(1000, None, 1),
            vec![(0.0, answer(429, None)), (100.0, answer(429, None))],
            vec![(1000.0, Wait(50)), (1000.0, GaveUp("http", 2, false, None))],
        ),
        (
            "a Retry-After beyond the cap is cut to it",
            Get,
            settings(1000, None, 2),
            vec![(0.0, answer(429, Some("3600")))],
            vec![(1000.0, Wait(5000))],
        ),
        (
            "an aborted read",
            Get,
            settings(1000, None, 2),
            vec![(0.0, Outcome::Aborted)],
            vec![(1000.0, GaveUp("aborted", 1, false, None))],
        ),
        (
            "an aborted send may have been sent",
            Post,
            settings(1000, None, 2),
            vec![(0.0, Outcome::Aborted)],
            vec![(1000.0, GaveUp("aborted", 1, true, None))],
        ),
        (
            "the total budget cuts an attempt's limit",
            Get,
            settings(1000, Some(1500), 2),
            vec![(0.0, Outcome::TimedOut), (1050.0, Outcome::TimedOut)],
            vec![
                (1000.0, Wait(50)),
                (450.0, GaveUp("timeout", 2, false, Some((1500, true)))),
            ],
        ),
        (
            "a send out of total budget may have been sent",
            Post,
            settings(1000, Some(300), 2),
            vec![(0.0, Outcome::TimedOut)],
            vec![(300.0, GaveUp("timeout", 1, true, Some((300, true))))],
        ),
        (
            "a wait that would end past the budget gives up, counted from the start",
            Get,
            settings(1000, Some(3000), 2),
            vec![(0.0, answer(503, None)), (2900.0, answer(503, None))],
            vec![(1000.0, Wait(50)), (100.0, GaveUp("http", 2, false, None))],
        ),
        (
            "no wait runs past the total budget",
            Get,
            settings(1000, Some(1500), 2),
            vec![(0.0, answer(503, Some("2")))],
            vec![(1000.0, GaveUp("http", 1, false, None))],
        ),
        (
            "a budget exactly the attempt's timeout does not cut it",
            Get,
            settings(1000, Some(2000), 2),
            vec![(0.0, Outcome::TimedOut), (1000.0, Outcome::TimedOut)],
            vec![(1000.0, Wait(50)), (1000.0, Wait(100))],
        ),
        (
            "a total budget that never binds reports the per-attempt timeout",
            Post,
            settings(1000, Some(60_000), 2),
            vec![(0.0, Outcome::TimedOut)],
            vec![(1000.0, GaveUp("timeout", 1, true, Some((1000, false))))],
        ),
        (
            "a spent budget leaves a zero limit",
            Get,
            settings(1000, Some(100), 2),
            vec![(500.0, Outcome::TimedOut)],
            vec![(0.0, GaveUp("timeout", 1, false, Some((100, true))))],
        ),
        (
            "a read follows redirects within its origin, retries not spent",
            Get,
            settings(1000, None, 1),
            vec![
                (0.0, redirect(301, HERE)),
                (10.0, redirect(302, HERE)),
                (20.0, answer(503, None)),
                (90.0, redirect(307, HERE)),
                (100.0, answer(503, None)),
            ],
            vec![
                (1000.0, follow()),
                (1000.0, follow()),
                (1000.0, Wait(50)),
                (1000.0, follow()),
                (1000.0, GaveUp("http", 2, false, None)),
            ],
        ),
        (
            "a read follows at most 5 redirects",
            Get,
            settings(1000, None, 2),
            (0..6)
                .map(|i| (f64::from(i), redirect(308, HERE)))
                .collect(),
            (0..5)
                .map(|_| (1000.0, follow()))
                .chain([(1000.0, GaveUp("redirect", 1, false, None))])
                .collect(),
        ),
        (
            "a read never follows a redirect to another origin",
            Get,
            settings(1000, None, 2),
            vec![(0.0, redirect(302, ELSEWHERE))],
            vec![(1000.0, GaveUp("redirect", 1, false, None))],
        ),
        (
            "a send follows a 307 or 308 within its origin: the server did not take it",
            Post,
            settings(1000, None, 2),
            vec![
                (0.0, redirect(307, HERE)),
                (5.0, redirect(308, HERE)),
                (9.0, answer(200, None)),
            ],
            vec![(1000.0, follow()), (1000.0, follow()), (1000.0, Done)],
        ),
        (
            "a send never follows a 307 to another origin, and was not taken",
            Post,
            settings(1000, None, 2),
            vec![(0.0, redirect(307, ELSEWHERE))],
            vec![(1000.0, GaveUp("redirect", 1, false, None))],
        ),
        (
            "a send's 301 is not followed (it would become a GET) and may have been taken",
            Post,
            settings(1000, None, 2),
            vec![(0.0, redirect(301, HERE))],
            vec![(1000.0, GaveUp("redirect", 1, true, None))],
        ),
        (
            "a send's 302 is not followed and may have been taken",
            Post,
            settings(1000, None, 2),
            vec![(0.0, redirect(302, HERE))],
            vec![(1000.0, GaveUp("redirect", 1, true, None))],
        ),
        (
            "a send's 303 to another origin is not followed and may have been taken",
            Post,
            settings(1000, None, 2),
            vec![(0.0, redirect(303, ELSEWHERE))],
            vec![(1000.0, GaveUp("redirect", 1, true, None))],
        ),
        (
            "a 300 with a Location is not followed",
            Get,
            settings(1000, None, 2),
            vec![(0.0, redirect(300, HERE))],
            vec![(1000.0, GaveUp("redirect", 1, false, None))],
        ),
        (
            "a redirect the browser hides is not followed by a read",
            Get,
            settings(1000, None, 2),
            vec![(0.0, hidden)],
            vec![(1000.0, GaveUp("redirect", 1, false, None))],
        ),
        (
            "a redirect the browser hides may have taken a send",
            Post,
            settings(1000, None, 2),
            vec![(0.0, hidden)],
            vec![(1000.0, GaveUp("redirect", 1, true, None))],
        ),
        (
            "a body beyond maxResponseBytes is never retried",
            Get,
            settings(1000, None, 2),
            vec![(0.0, Outcome::TooLarge { status: 200 })],
            vec![(1000.0, GaveUp("tooLarge", 1, false, None))],
        ),
        (
            "a send's 2xx beyond maxResponseBytes was stored",
            Post,
            settings(1000, None, 2),
            vec![(0.0, Outcome::TooLarge { status: 201 })],
            vec![(1000.0, GaveUp("tooLarge", 1, true, None))],
        ),
        (
            "a send's 4xx beyond maxResponseBytes was not",
            Post,
            settings(1000, None, 2),
            vec![(0.0, Outcome::TooLarge { status: 400 })],
            vec![(1000.0, GaveUp("tooLarge", 1, false, None))],
        ),
        (
            "a send's 5xx beyond maxResponseBytes may have been",
            Post,
            settings(1000, None, 2),
            vec![(0.0, Outcome::TooLarge { status: 502 })],
            vec![(1000.0, GaveUp("tooLarge", 1, true, None))],
        ),
        (
            "a Retry-After date beyond any representable one waits the cap",
            Get,
            settings(1000, None, 2),
            vec![
                (
                    0.0,
                    answer(503, Some("Sun, 06 Nov 999999999999 08:49:37 GMT")),
                ),
                (
                    1.0,
                    answer(
                        503,
                        Some("Sun, 06 Nov 99999999999999999999999999 08:49:37 GMT"),
                    ),
                ),
            ],
            vec![(1000.0, Wait(5000)), (1000.0, Wait(5000))],
        ),
        (
            "a Retry-After date in the far past waits nothing",
            Get,
            settings(1000, None, 2),
            vec![(
                0.0,
                answer(503, Some("Sun, 06 Nov -999999999999 08:49:37 GMT")),
            )],
            vec![(1000.0, Wait(0))],
        ),
    ];
    for (name, method, settings, script, expected) in rows {
        assert_eq!(drive(method, settings, &script), expected, "{name}");
    }
}

#[test]
fn given_up_errors_keep_the_answer_and_aborts_between_attempts_sent_nothing() {
    let mut attempts = Attempts::new(
        settings(1000, None, 0),
        Method::Post,
        Provider::Flatchr,
        0.0,
    );
    attempts.start(0.0);
    let answer = Outcome::Answered(HttpResponse {
        status: 500,
        content_type: Some("application/json"),
        retry_after: None,
        body: r#"{"msg":"boom"}"#,
    });
    let Step::GiveUp(error) = attempts.next(answer, 1.0, 0.5) else {
        panic!("a send's 500 ends the call");
    };
    assert!(matches!(
        error.kind,
        ErrorKind::Http {
            status: 500,
            body: Some(ErrorBody::Json(_))
        }
    ));
    assert_eq!(error.context.provider, Some(Provider::Flatchr));
    let between = attempts.aborted_between();
    assert_eq!(
        (between.kind.name(), between.context.may_have_been_sent),
        ("aborted", false)
    );
}

const NOW: f64 = 1_700_000_000_000.0;

fn status(status: u16) -> Failure<'static> {
    Failure::Status {
        status,
        retry_after: None,
    }
}

#[test]
fn gets_retry_on_transient_failures_only() {
    let p = RetryPolicy::default();
    for s in [408, 429, 500, 502, 503, 504] {
        assert!(
            p.next_delay(Method::Get, 1, status(s), NOW, 0.5).is_some(),
            "{s}"
        );
    }
    for s in [400, 401, 403, 404, 422, 501] {
        assert!(
            p.next_delay(Method::Get, 1, status(s), NOW, 0.5).is_none(),
            "{s}"
        );
    }
    assert!(p
        .next_delay(Method::Get, 1, Failure::Network, NOW, 0.5)
        .is_some());
    assert!(p
        .next_delay(Method::Get, 1, Failure::Timeout, NOW, 0.5)
        .is_some());
}

#[test]
fn posts_retry_only_when_provably_unprocessed() {
    let p = RetryPolicy::default();
    for f in [
        status(500),
        status(502),
        status(503),
        status(504),
        status(408),
        Failure::Network,
        Failure::Timeout,
    ] {
        assert!(
            p.next_delay(Method::Post, 1, f, NOW, 0.5).is_none(),
            "{f:?}"
        );
        assert!(!f.provably_unprocessed());
    }
    assert!(p
        .next_delay(Method::Post, 1, status(429), NOW, 0.5)
        .is_some());
    let with_retry_after = Failure::Status {
        status: 503,
        retry_after: Some("1"),
    };
    assert_eq!(
        p.next_delay(Method::Post, 1, with_retry_after, NOW, 0.5),
        Some(1000)
    );
    assert!(status(500).send_may_have_happened());
    assert!(Failure::Network.send_may_have_happened());
    assert!(!with_retry_after.send_may_have_happened());
    assert!(!status(422).send_may_have_happened());
}

#[test]
fn gives_up_after_the_configured_retries() {
    let p = RetryPolicy {
        retries: 2,
        ..RetryPolicy::default()
    };
    assert!(p
        .next_delay(Method::Get, 2, status(503), NOW, 0.5)
        .is_some());
    assert!(p
        .next_delay(Method::Get, 3, status(503), NOW, 0.5)
        .is_none());
    let never = RetryPolicy {
        retries: 0,
        ..RetryPolicy::default()
    };
    assert!(never
        .next_delay(Method::Get, 1, status(503), NOW, 0.5)
        .is_none());
}

#[test]
fn backoff_is_capped_exponential_with_full_jitter() {
    let p = RetryPolicy {
        retries: 40,
        base_delay_ms: 100,
        max_delay_ms: 1000,
        max_retry_after_ms: 5000,
    };
    assert_eq!(
        p.next_delay(Method::Get, 1, status(500), NOW, 0.999_999),
        Some(99)
    );
    assert_eq!(
        p.next_delay(Method::Get, 2, status(500), NOW, 0.999_999),
        Some(199)
    );
    assert_eq!(
        p.next_delay(Method::Get, 3, status(500), NOW, 0.5),
        Some(200)
    );
    assert_eq!(
        p.next_delay(Method::Get, 35, status(500), NOW, 0.5),
        Some(500)
    );
    assert_eq!(p.next_delay(Method::Get, 3, status(500), NOW, 0.0), Some(0));
}

#[test]
fn retry_after_is_honoured_in_both_forms_and_capped() {
    let p = RetryPolicy {
        max_retry_after_ms: 5000,
        ..RetryPolicy::default()
    };
    let secs = Failure::Status {
        status: 429,
        retry_after: Some("2"),
    };
    assert_eq!(p.next_delay(Method::Get, 1, secs, NOW, 0.9), Some(2000));
    let long = Failure::Status {
        status: 429,
        retry_after: Some("3600"),
    };
    assert_eq!(p.next_delay(Method::Get, 1, long, NOW, 0.9), Some(5000));
    // 1_700_000_000 s is Tue, 14 Nov 2023 22:13:20 GMT.
    let date = Failure::Status {
        status: 503,
        retry_after: Some("Tue, 14 Nov 2023 22:13:23 GMT"),
    };
    assert_eq!(p.next_delay(Method::Get, 1, date, NOW, 0.9), Some(3000));
    let past = Failure::Status {
        status: 503,
        retry_after: Some("Tue, 14 Nov 2023 22:00:00 GMT"),
    };
    assert_eq!(p.next_delay(Method::Get, 1, past, NOW, 0.9), Some(0));
    let garbage = Failure::Status {
        status: 503,
        retry_after: Some("soon"),
    };
    assert!(p.next_delay(Method::Get, 1, garbage, NOW, 0.5).unwrap() <= 300);
}

#[test]
fn errors_name_the_redirect_target_and_the_size_limit() {
    let mut attempts = Attempts::new(
        CallSettings::default(),
        Method::Post,
        Provider::Tiledesk,
        0.0,
    );
    attempts.start(0.0);
    let Step::GiveUp(error) = attempts.next(redirect(307, ELSEWHERE), 1.0, 0.5) else {
        panic!("not followed");
    };
    let text = error.to_string();
    assert!(
        text.contains("HTTP 307 to https://elsewhere.example/v3/x, another origin: not followed"),
        "{text}"
    );
    assert!(
        text.contains("did not process the request, and nothing was sent to the other origin"),
        "{text}"
    );
    assert!(!text.contains("may have been sent"), "{text}");
    assert_eq!(error.status(), Some(307));
    let Step::GiveUp(error) = attempts.next(Outcome::TooLarge { status: 200 }, 1.0, 0.5) else {
        panic!("too large");
    };
    let text = error.to_string();
    assert!(
        text.contains("larger than maxResponseBytes (33554432 bytes)"),
        "{text}"
    );
    assert!(text.contains("may have been sent"), "{text}");
}

#[test]
fn http_dates_parse() {
    // The last second of each month of 2024.
    let months = [
        ("Sat, 31 Jan 2024 23:59:59 GMT", 1_706_745_599_000.0),
        ("Sat, 28 Feb 2024 23:59:59 GMT", 1_709_164_799_000.0),
        ("Sat, 31 Mar 2024 23:59:59 GMT", 1_711_929_599_000.0),
        ("Sat, 28 Apr 2024 23:59:59 GMT", 1_714_348_799_000.0),
        ("Sat, 31 May 2024 23:59:59 GMT", 1_717_199_999_000.0),
        ("Sat, 28 Jun 2024 23:59:59 GMT", 1_719_619_199_000.0),
        ("Sat, 31 Jul 2024 23:59:59 GMT", 1_722_470_399_000.0),
        ("Sat, 31 Aug 2024 23:59:59 GMT", 1_725_148_799_000.0),
        ("Sat, 28 Sep 2024 23:59:59 GMT", 1_727_567_999_000.0),
        ("Sat, 31 Oct 2024 23:59:59 GMT", 1_730_419_199_000.0),
        ("Sat, 28 Nov 2024 23:59:59 GMT", 1_732_838_399_000.0),
        ("Sat, 31 Dec 2024 23:59:59 GMT", 1_735_689_599_000.0),
    ];
    for (date, ms) in months {
        assert_eq!(parse_http_date(date), Some(ms), "{date}");
    }
    assert_eq!(
        parse_http_date("Sat, 31 Dec 2016 23:59:60 GMT"),
        Some(1_483_228_800_000.0)
    );
    for out_of_range in [
        "Mon, 00 Jan 2024 00:00:00 GMT",
        "Mon, 32 Jan 2024 00:00:00 GMT",
        "Mon, 01 Jan 2024 24:00:00 GMT",
        "Mon, 01 Jan 2024 00:60:00 GMT",
        "Mon, 01 Jan 2024 00:00:61 GMT",
    ] {
        assert_eq!(parse_http_date(out_of_range), None, "{out_of_range}");
    }
    assert_eq!(
        parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
        Some(784_111_777_000.0)
    );
    assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0.0));
    assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 PST"), None);
    assert_eq!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), None);
    assert_eq!(parse_http_date(""), None);
    assert_eq!(
        parse_retry_after("99999999999999999999", NOW),
        Some(u64::MAX / 1000 * 1000)
    );
}

#[test]
fn each_attempt_reads_at_most_the_calls_limit() {
    let settings = CallSettings {
        max_response_bytes: 12_345,
        ..settings(1000, None, 0)
    };
    let attempts = Attempts::new(settings, Method::Get, Provider::Flatchr, NOW);
    assert_eq!(attempts.max_response_bytes(), 12_345);
}

#[test]
fn malformed_and_far_years_in_http_dates() {
    assert_eq!(parse_http_date("Mon, 01 Jan 12a4 00:00:00 GMT"), None);
    assert_eq!(parse_http_date("Mon, 01 Jan - 00:00:00 GMT"), None);
    let long_past = "Mon, 01 Jan -999999999999999999999999999999 00:00:00 GMT";
    assert_eq!(parse_retry_after(long_past, NOW), Some(0));
    let far_future = "Mon, 01 Jan 999999999999999999999999999999 00:00:00 GMT";
    assert!(parse_retry_after(far_future, NOW).unwrap() > 3_600_000);
}
