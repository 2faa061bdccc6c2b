//! Native throughput of the decode of a Tiledesk list answer (the transform
//! with tidings' own message model, through `http::transcode`), for comparing
//! changes to the parser; the wasm figures come from `bench/run.mjs`.
//!
//! ```text
//! node -e "import('./tests/mock/fixtures.mjs').then(m => require('fs').writeFileSync(
//!   '/tmp/body.json', JSON.stringify(m.makeTiledeskMessages(10000))))"
//! cargo bench --bench transform-throughput -- /tmp/body.json [runs] [out.json]
//! ```
//!
//! Prints the best and median MB/s over `runs` decodes; writes the output to
//! `out.json` if given (to compare the output of two builds byte for byte).

use std::time::Instant;

use tidings::http::{transcode, HttpResponse};
use tidings::tiledesk::models::TILEDESK_MESSAGE;
use tidings::Provider;
use tidings_transcode::Output;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: transform-throughput BODY.json [runs] [out.json]");
    let runs: usize = args.next().map_or(200, |r| r.parse().expect("runs"));
    let out_path = args.next();
    let body = std::fs::read_to_string(&path).expect("read the body");
    let mut times = Vec::with_capacity(runs);
    let mut output = String::new();
    for _ in 0..runs {
        let started = Instant::now();
        let response = HttpResponse {
            status: 200,
            content_type: Some("application/json"),
            retry_after: None,
            body: &body,
        };
        output = transcode(
            Provider::Tiledesk,
            Output::List(&TILEDESK_MESSAGE),
            response,
        )
        .expect("decode");
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let mb = body.len() as f64 / 1e6;
    println!(
        "{} bytes in, {} out: best {:.0} MB/s, median {:.0} MB/s ({:.3} ms)",
        body.len(),
        output.len(),
        mb / times[0],
        mb / times[runs / 2],
        times[runs / 2] * 1e3
    );
    if let Some(out_path) = out_path {
        std::fs::write(out_path, output).expect("write the output");
    }
}
