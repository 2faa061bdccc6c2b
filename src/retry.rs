//! When to try a request again, and how long to wait first.
//!
//! GETs are idempotent, so they are retried on network errors, timeouts and the
//! statuses that mean "try later" (408, 429, 500, 502, 503, 504). A POST creates
//! a message: it is retried only when the server provably did not process it
//! (429, or 503 with `Retry-After`), so a send is never duplicated.
//! Waits use capped exponential backoff with full jitter, or the server's
//! `Retry-After` (seconds or an HTTP date), capped by `max_retry_after_ms`.
//!
//! [`Attempts`] is the whole orchestration of one call as a pure state
//! machine: from how an attempt ended to the next step (wait, try again, or
//! give up with this error), within the call's total budget. The transport
//! only drives it, so every decision is tested here with tables.

use crate::error::{Context, Error, ErrorKind, Provider, RedirectReason};
use crate::http::{HttpResponse, Method};
use crate::options::CallSettings;

/// How an attempt ended.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// The server answered (any status).
    Answered(HttpResponse<'a>),
    /// No answer: what the runtime reported (already free of credentials).
    Network(&'a str),
    /// The attempt's time limit ran out.
    TimedOut,
    /// The caller's signal fired during the attempt.
    Aborted,
    /// The server answered with this status, but the body is longer than the
    /// call's `maxResponseBytes`; it was not read.
    TooLarge {
        /// The HTTP status of the answer.
        status: u16,
    },
    /// A redirect: a 3xx status with a `Location`, or one the runtime hides
    /// (a browser's manual redirect: `status` 0, no location).
    Redirected {
        /// The status, 0 when the runtime hides it.
        status: u16,
        /// The absolute target, when known.
        location: Option<&'a str>,
        /// Whether the target has the request's origin.
        same_origin: bool,
    },
}

/// The most redirects one call follows.
pub const MAX_REDIRECTS: u32 = 5;

/// What to do after an attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// The answer is a success: decode it.
    Done,
    /// Wait this many milliseconds, then start the next attempt.
    Wait(u32),
    /// Make the same request again at once, to this URL (a redirect within
    /// the request's origin; not a retry).
    Follow(String),
    /// Stop: the call fails with this error.
    GiveUp(Error),
}

/// The attempts of one call: counts them, sets each one's time limit, and
/// decides what follows each outcome.
#[derive(Debug, Clone)]
pub struct Attempts {
    settings: CallSettings,
    method: Method,
    provider: Provider,
    started_ms: f64,
    made: u32,
    redirects: u32,
    limited_by_total: bool,
}

impl Attempts {
    /// A call starting at `now_ms`.
    pub fn new(
        settings: CallSettings,
        method: Method,
        provider: Provider,
        now_ms: f64,
    ) -> Attempts {
        Attempts {
            settings,
            method,
            provider,
            started_ms: now_ms,
            made: 0,
            redirects: 0,
            limited_by_total: false,
        }
    }

    /// Starts an attempt and returns its time limit in milliseconds: the
    /// per-attempt timeout, or what is left of the total budget when less.
    pub fn start(&mut self, now_ms: f64) -> f64 {
        self.made += 1;
        let per_attempt = f64::from(self.settings.timeout_ms);
        let left = self
            .settings
            .total_timeout_ms
            .map(|total| (f64::from(total) - (now_ms - self.started_ms)).max(0.0));
        self.limited_by_total = left.is_some_and(|left| left < per_attempt);
        left.map_or(per_attempt, |left| left.min(per_attempt))
    }

    /// The attempts made, redirects followed not counted.
    pub fn made(&self) -> u32 {
        self.made - self.redirects
    }

    /// The most bytes an answer's body may have.
    pub fn max_response_bytes(&self) -> u32 {
        self.settings.max_response_bytes
    }

    /// What follows `outcome`; `random` is uniform in `[0, 1)` (the jitter).
    pub fn next(&mut self, outcome: Outcome<'_>, now_ms: f64, random: f64) -> Step {
        let is_post = self.method == Method::Post;
        let (kind, failure) = match outcome {
            Outcome::TooLarge { status } => {
                let kind = ErrorKind::TooLarge {
                    status,
                    limit: self.settings.max_response_bytes,
                };
                // A 2xx to a send means it was stored, whatever its body.
                let failure = Failure::Status {
                    status,
                    retry_after: None,
                };
                let sent = (200..300).contains(&status) || failure.send_may_have_happened();
                return Step::GiveUp(self.error(kind, is_post && sent));
            }
            Outcome::Redirected {
                status,
                location,
                same_origin,
            } => return self.redirect(status, location, same_origin),
            Outcome::Answered(answer) if answer.is_success() => return Step::Done,
            Outcome::Answered(answer) => (
                answer.error_kind(),
                Failure::Status {
                    status: answer.status,
                    retry_after: answer.retry_after,
                },
            ),
            Outcome::Network(message) => (
                ErrorKind::Network {
                    message: message.to_owned(),
                },
                Failure::Network,
            ),
            Outcome::TimedOut => {
                let (after_ms, total) = match self.settings.total_timeout_ms {
                    Some(total) if self.limited_by_total => (total, true),
                    _ => (self.settings.timeout_ms, false),
                };
                (ErrorKind::Timeout { after_ms, total }, Failure::Timeout)
            }
            Outcome::Aborted => return Step::GiveUp(self.error(ErrorKind::Aborted, is_post)),
        };
        let give_up =
            || Step::GiveUp(self.error(kind.clone(), is_post && failure.send_may_have_happened()));
        if self.limited_by_total && failure == Failure::Timeout {
            return give_up();
        }
        let delay =
            self.settings
                .retry
                .next_delay(self.method, self.made(), failure, now_ms, random);
        let elapsed = now_ms - self.started_ms;
        match (delay, self.settings.total_timeout_ms) {
            (None, _) => give_up(),
            (Some(delay), Some(total)) if elapsed + f64::from(delay) >= f64::from(total) => {
                give_up()
            }
            (Some(delay), _) => Step::Wait(delay),
        }
    }

    /// Follows a redirect, or gives up with the reason it is not followed.
    fn redirect(&mut self, status: u16, location: Option<&str>, same_origin: bool) -> Step {
        let is_post = self.method == Method::Post;
        let repeats_request = matches!(status, 307 | 308);
        let reason = match location {
            None => RedirectReason::Hidden,
            Some(_) if !same_origin => RedirectReason::OtherOrigin,
            Some(_) if !matches!(status, 301 | 302 | 303 | 307 | 308) => {
                RedirectReason::NotARedirect
            }
            Some(_) if is_post && !repeats_request => RedirectReason::WouldBecomeGet,
            Some(_) if self.redirects >= MAX_REDIRECTS => RedirectReason::TooMany,
            Some(location) => {
                self.redirects += 1;
                return Step::Follow(location.to_owned());
            }
        };
        // A 307/308 asks for the same request elsewhere: the server did not
        // process it. Any other redirect of a send does not prove that.
        let may_have_been_sent = is_post && !repeats_request;
        let kind = ErrorKind::Redirect {
            status,
            location: location.map(str::to_owned),
            reason,
        };
        Step::GiveUp(self.error(kind, may_have_been_sent))
    }

    /// The error for an abort before an attempt or during a wait: nothing is
    /// in flight then, and a send is only retried once the server provably
    /// ignored it, so nothing may have been sent.
    pub fn aborted_between(&self) -> Error {
        self.error(ErrorKind::Aborted, false)
    }

    /// An error of `kind` in this call's context.
    pub fn error(&self, kind: ErrorKind, may_have_been_sent: bool) -> Error {
        Error::new(
            kind,
            Context {
                provider: Some(self.provider),
                attempts: self.made(),
                may_have_been_sent,
            },
        )
    }
}

/// How a failed attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure<'a> {
    /// The server answered with this status and optional `Retry-After` header.
    Status {
        /// The HTTP status.
        status: u16,
        /// The raw `Retry-After` header.
        retry_after: Option<&'a str>,
    },
    /// No answer: connection refused or reset, DNS failure.
    Network,
    /// The per-attempt timeout ran out.
    Timeout,
}

impl Failure<'_> {
    /// True when the server provably did not act on the request, so a send can be
    /// repeated safely: 429, or 503 with `Retry-After`.
    pub fn provably_unprocessed(&self) -> bool {
        match *self {
            Failure::Status { status: 429, .. } => true,
            Failure::Status {
                status: 503,
                retry_after,
            } => retry_after.is_some(),
            _ => false,
        }
    }

    /// True when a POST that failed this way may still have created the message:
    /// any 5xx (but a 503 with `Retry-After`), a network error or a timeout.
    pub fn send_may_have_happened(&self) -> bool {
        match *self {
            Failure::Status { status, .. } => status >= 500 && !self.provably_unprocessed(),
            Failure::Network | Failure::Timeout => true,
        }
    }
}

/// The retry settings of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub retries: u32,
    /// The first backoff ceiling, doubled at each retry.
    pub base_delay_ms: u32,
    /// The largest backoff ceiling.
    pub max_delay_ms: u32,
    /// The longest `Retry-After` wait honoured; longer ones are cut to this.
    pub max_retry_after_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: 2,
            base_delay_ms: 300,
            max_delay_ms: 10_000,
            max_retry_after_ms: 60_000,
        }
    }
}

impl RetryPolicy {
    /// How long to wait before the next attempt, or `None` to give up.
    ///
    /// `attempts_made` counts the attempts so far (1 after the first),
    /// `now_ms` is the Unix time in milliseconds (for `Retry-After` dates) and
    /// `random` is uniform in `[0, 1)` (the jitter).
    pub fn next_delay(
        &self,
        method: Method,
        attempts_made: u32,
        failure: Failure<'_>,
        now_ms: f64,
        random: f64,
    ) -> Option<u32> {
        if attempts_made > self.retries || !self.is_retryable(method, failure) {
            return None;
        }
        if let Failure::Status {
            retry_after: Some(header),
            ..
        } = failure
        {
            if let Some(wait) = parse_retry_after(header, now_ms) {
                return Some(wait.min(u64::from(self.max_retry_after_ms)) as u32);
            }
        }
        let exponent = attempts_made.saturating_sub(1).min(31);
        let ceiling = u64::from(self.base_delay_ms)
            .saturating_mul(1u64 << exponent)
            .min(u64::from(self.max_delay_ms));
        Some((ceiling as f64 * random.clamp(0.0, 1.0)) as u32)
    }

    fn is_retryable(&self, method: Method, failure: Failure<'_>) -> bool {
        match method {
            Method::Post => failure.provably_unprocessed(),
            Method::Get => match failure {
                Failure::Network | Failure::Timeout => true,
                Failure::Status { status, .. } => {
                    matches!(status, 408 | 429 | 500 | 502 | 503 | 504)
                }
            },
        }
    }
}

/// Parses `Retry-After`: delay-seconds or an HTTP date (IMF-fixdate, as servers
/// send it). Returns the wait in milliseconds; a date in the past means 0.
pub fn parse_retry_after(header: &str, now_ms: f64) -> Option<u64> {
    let header = header.trim();
    if !header.is_empty() && header.bytes().all(|b| b.is_ascii_digit()) {
        return Some(
            crate::text::parse_whole(header)
                .unwrap_or(u64::MAX / 1000)
                .saturating_mul(1000),
        );
    }
    let at_ms = parse_http_date(header)?;
    // Saturates: a date beyond any representable wait is the longest wait
    // (then cut to `max_retry_after_ms`), never a wrapped-around "now".
    Some((at_ms - now_ms).clamp(0.0, u64::MAX as f64) as u64)
}

/// Parses `Sun, 06 Nov 1994 08:49:37 GMT` into Unix milliseconds, computed
/// in floating point so that any year (`999999999999`) gives a far-future or
/// far-past time rather than an overflow.
pub fn parse_http_date(text: &str) -> Option<f64> {
    let rest = crate::text::split_once(text, ", ").map_or(text, |(_, rest)| rest);
    let mut parts = rest.split_whitespace();
    // A negative day is out of range either way: read unsigned.
    let day = i64::try_from(crate::text::parse_whole(parts.next()?)?).ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year = parts.next()?;
    let digits = year.strip_prefix("-").unwrap_or(year);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Years beyond ±10^12 are all far beyond any wait or long past: clamp
    // them (an unparsable 30-digit year included) so the arithmetic stays exact.
    const FAR: i64 = 1_000_000_000_000;
    let far = if year.starts_with("-") { -FAR } else { FAR };
    let year = crate::text::parse_whole(digits)
        .map_or(far, |n| far.signum() * n.min(FAR as u64) as i64)
        .clamp(-FAR, FAR);
    let mut clock = crate::text::split(parts.next()?, b':')
        .map(|p| u32::try_from(crate::text::parse_whole(p)?).ok());
    let (h, m, s) = (clock.next()??, clock.next()??, clock.next()??);
    if parts.next()? != "GMT" || !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some((days * 86_400.0 + f64::from(h * 3600 + m * 60 + s)) * 1000.0)
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's
/// method), in floating point: exact for any year a server means, and never
/// overflowing for the years it does not.
fn days_from_civil(year: i64, month: i64, day: i64) -> f64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era as f64 * 146_097.0 + (doe - 719_468) as f64
}
