//! Native throughput of the transform over a list body, for comparing changes
//! to the parser (the wasm figures come from `bench/run.mjs`).
//!
//! ```text
//! node -e "import('./tests/mock/fixtures.mjs').then(m => require('fs').writeFileSync(
//!   '/tmp/body.json', JSON.stringify(m.makeTiledeskMessages(10000))))"
//! cargo run --release -p tidings-transcode --example throughput -- /tmp/body.json [runs] [out.json]
//! ```
//!
//! The model is a copy of tidings' Tiledesk message model. Prints the best and
//! median MB/s over `runs` transforms; writes the output to `out.json` if given
//! (to compare the output of two builds byte for byte).

use std::time::Instant;

use tidings_transcode::{transform, Field, Key, Kind, Model, Numbers, Output, Unknown};

struct StdNumbers;

impl Numbers for StdNumbers {
    fn to_f64(&self, token: &str) -> f64 {
        token.parse().unwrap_or(f64::NAN)
    }

    fn write_id(&self, token: &str, out: &mut Vec<u8>) {
        let value: f64 = token.parse().unwrap_or(f64::NAN);
        out.extend_from_slice(value.to_string().as_bytes());
    }
}

const fn key(wire: &'static str, slot: u8, field: u8) -> Key {
    Key { wire, slot, field }
}

const fn field(name: &'static str, kind: Kind, slots: &'static [u8]) -> Field {
    Field { name, kind, slots }
}

static MESSAGE: Model = Model {
    keys: &[
        key("_id", 0, 0),
        key("id", 1, 0),
        key("sender", 2, 1),
        key("senderFullname", 3, 2),
        key("recipient", 4, 3),
        key("recipientFullname", 5, 4),
        key("type", 6, 5),
        key("channel_type", 7, 6),
        key("channelType", 7, 6),
        key("channel", 8, 7),
        key("text", 9, 8),
        key("language", 10, 9),
        key("status", 11, 10),
        key("attributes", 12, 12),
        key("metadata", 13, 13),
        key("createdBy", 14, 14),
        key("created_by", 14, 14),
        key("id_project", 15, 15),
        key("projectId", 15, 15),
        key("createdAt", 16, 16),
        key("created_at", 16, 16),
        key("updatedAt", 17, 17),
        key("updated_at", 17, 17),
        key("__v", 18, 18),
        key("request", 19, 19),
    ],
    fields: &[
        field("id", Kind::Id, &[0, 1]),
        field("sender", Kind::Str, &[2]),
        field("senderFullname", Kind::Str, &[3]),
        field("recipient", Kind::Str, &[4]),
        field("recipientFullname", Kind::Str, &[5]),
        field("type", Kind::Str, &[6]),
        field("channelType", Kind::Str, &[7]),
        field("channel", Kind::Object, &[8]),
        field("text", Kind::Str, &[9]),
        field("language", Kind::Str, &[10]),
        field("status", Kind::Number, &[11]),
        field("statusName", Kind::StatusName(10), &[]),
        field("attributes", Kind::Object, &[12]),
        field("metadata", Kind::Object, &[13]),
        field("createdBy", Kind::Str, &[14]),
        field("projectId", Kind::Str, &[15]),
        field("createdAt", Kind::Str, &[16]),
        field("updatedAt", Kind::Str, &[17]),
        field("version", Kind::Number, &[18]),
        field("request", Kind::Object, &[19]),
    ],
    unknown: Unknown::Extra,
    deny_duplicates: false,
    required: &[],
};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: throughput BODY.json [runs] [out.json]");
    let runs: usize = args.next().map_or(200, |r| r.parse().expect("runs"));
    let out_path = args.next();
    let body = std::fs::read_to_string(&path).expect("read the body");
    let mut times = Vec::with_capacity(runs);
    let mut output = String::new();
    for _ in 0..runs {
        let started = Instant::now();
        output = transform(&body, Output::List(&MESSAGE), &StdNumbers).expect("transform");
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
