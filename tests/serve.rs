//! `morgue serve` through HTTP against an index of the sample corpus: every endpoint
//! answers what the matching CLI command prints with `--json` (the same records), bad input
//! is a 4xx JSON error (never a 500), the page and its assets are served with a strict
//! Content-Security-Policy, the server follows `morgue-index` commits and survives the index
//! disappearing, and anything but loopback needs a token.

mod serve_util;
mod util;

use std::time::{Duration, Instant};

use serde_json::Value;
use serve_util::{enc, get, Served};
use util::TestEnv;

fn sample() -> TestEnv {
    let env = TestEnv::new().with_sample_corpus();
    env.index_cmd(&[]).expect_code(0);
    env
}

/// The CLI's `--json` answer for `args`.
fn cli(env: &TestEnv, args: &[&str]) -> Value {
    env.morgue_json(args)
}

#[test]
fn search_matches_the_cli_record_for_record() {
    let env = sample();
    let served = Served::start(&env.index(), &[]);
    let cases: &[(&str, &[&str], &str)] = &[
        ("venezuela", &[], ""),
        ("iran -syria", &["-n", "3", "--offset", "2"], "&n=3&offset=2"),
        ("oil OR sanctions", &["--sort", "date", "-n", "5"], "&sort=date&n=5"),
        ("oil sanctions", &["--any", "--from", "2018", "--to", "2019-06"], "&any=true&from=2018&to=2019-06"),
        ("*", &["-n", "20"], "&n=20"),
        // Copies folded (the tanker pair) and listed with collapse=false.
        ("tankers", &[], ""),
        ("tankers", &["--no-collapse"], "&collapse=false"),
    ];
    for (query, flags, params) in cases {
        let mut args = vec!["search", query];
        args.extend_from_slice(flags);
        let expected = cli(&env, &args);
        let got = served.json(&format!("/api/search?q={}{params}", enc(query)), 200);
        assert_eq!(got, expected, "/api/search vs morgue search --json for {query:?} {flags:?}");
        if *query == "venezuela" {
            assert!(got["total_hits"].as_u64().unwrap() > 0, "the sample corpus has Venezuela stories");
        }
        if *query == "tankers" {
            let folded = if params.is_empty() { 1 } else { 0 };
            assert_eq!(got["collapsed"], folded, "{got}");
            assert_eq!(got["hits"][0]["copies"].as_array().unwrap().len(), folded as usize);
        }
    }
}

#[test]
fn every_endpoint_answers_as_its_command() {
    let env = sample();
    let served = Served::start(&env.index(), &[]);

    let count = served.json("/api/count?q=venezuela", 200);
    assert_eq!(count, cli(&env, &["count", "venezuela"]));
    assert_eq!(served.json("/api/count", 200)["count"], cli(&env, &["count"])["count"], "q defaults to *");

    for field in ["person", "topic", "dateline", "source", "year"] {
        let got = served.json(&format!("/api/facets?field={field}&q=iran&top=5"), 200);
        assert_eq!(got, cli(&env, &["facets", field, "iran", "-n", "5"]), "facets {field}");
    }
    let histogram = served.json("/api/histogram?q=*&by=year", 200);
    assert_eq!(histogram, cli(&env, &["histogram", "*", "--by", "year"]));
    assert!(histogram["buckets"].as_array().unwrap().len() > 1);

    let mut stats = served.json("/api/stats", 200);
    let mut expected = cli(&env, &["stats"]);
    // The size on disk is measured per call; everything else must agree.
    stats["index_bytes"] = Value::Null;
    expected["index_bytes"] = Value::Null;
    assert_eq!(stats, expected);

    let first = &served.json("/api/search?q=venezuela", 200)["hits"][0];
    let id = first["id"].as_str().unwrap();
    let article = served.json(&format!("/api/article/{id}"), 200);
    assert_eq!(article, cli(&env, &["show", id]), "article = morgue show ID --json");
    assert!(article["body"].as_str().unwrap().len() > 100);
    let without_body = served.json(&format!("/api/article/{id}?body=false"), 200);
    assert!(without_body.get("body").is_none());

    // `similar` is not yet deterministic across runs (issue 18, item 3: scores and order
    // vary), so the records are compared by shape and the article itself.
    let similar = served.json(&format!("/api/similar/{id}?n=4"), 200);
    let expected = cli(&env, &["similar", id, "-n", "4"]);
    assert_eq!(similar["article"], expected["article"]);
    let keys = |v: &Value| -> Vec<Vec<String>> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_object().unwrap().keys().cloned().collect())
            .collect()
    };
    assert_eq!(keys(&similar), keys(&expected));
    assert_eq!(similar["hits"].as_array().unwrap().len(), 4);

    // Highlights cover the whole body and mark the query's words.
    let marked = served.json(&format!("/api/article/{id}/highlights?q=venezuela"), 200);
    let body = marked["text"].as_str().unwrap();
    assert_eq!(body, article["body"].as_str().unwrap());
    let ranges = marked["highlights"].as_array().unwrap();
    assert!(!ranges.is_empty());
    for range in ranges {
        let (start, end) = (range[0].as_u64().unwrap() as usize, range[1].as_u64().unwrap() as usize);
        assert!(body[start..end].to_lowercase().starts_with("venezuela"), "{:?}", &body[start..end]);
    }

    let copies = served.json(&format!("/api/duplicates/{id}"), 200);
    assert_eq!(copies["id"], id);
    assert!(copies["copies"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["id"] != id && c["similarity"].as_f64().unwrap() >= 0.5));
}

#[test]
fn near_duplicates_find_a_planted_copy() {
    let env = TestEnv::new();
    let story = "CARACAS, Venezuela (Wire) — The harbour authority in Puerto Cabello said on Tuesday that \
                 tanker traffic had resumed after a week of repairs to the northern breakwater, and that \
                 dredging of the channel would continue through the dry season while crews replace the \
                 lights along the pier. Shipping agents said the delay had cost exporters of cocoa and \
                 coffee several days of loading and that insurers were watching the work closely.\n";
    env.write("a/original.txt", format!("Harbour reopens after repairs\n\n{story}"));
    env.write("b/copy.txt", format!("Port back in business\n\n{story}Editing by a night desk.\n"));
    env.write("c/other.txt", "Council debates library hours\n\nThe town council argued for three hours about the opening times of the public library and reached no decision.\n");
    env.index_cmd(&[]).expect_code(0);
    let served = Served::start(&env.index(), &[]);
    let hits = served.json("/api/search?q=harbour&n=10", 200);
    let original = hits["hits"].as_array().unwrap().iter().find(|h| h["path"] == "a/original.txt").unwrap();
    let copies = served.json(&format!("/api/duplicates/{}", original["id"].as_str().unwrap()), 200);
    let copies = copies["copies"].as_array().unwrap();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0]["path"].as_str().unwrap().ends_with("b/copy.txt"));
    assert!(copies[0]["similarity"].as_f64().unwrap() > 0.8);
}

#[test]
fn export_streams_ndjson_and_csv_like_the_cli() {
    let env = sample();
    let served = Served::start(&env.index(), &[]);
    let ndjson = served.get("/api/export?q=iran&format=ndjson");
    assert_eq!(ndjson.status, 200);
    assert_eq!(ndjson.header("content-type"), Some("application/x-ndjson"));
    let cli_ndjson = env.morgue(&["export", "iran", "--format", "ndjson"]).expect_code(0).stdout;
    assert_eq!(ndjson.text(), cli_ndjson);
    let csv = served.get("/api/export?q=iran&format=csv&fields=id,title,people");
    assert_eq!(csv.status, 200);
    let cli_csv = env
        .morgue(&["export", "iran", "--format", "csv", "--fields", "id,title,people"])
        .expect_code(0)
        .stdout;
    assert_eq!(csv.text(), cli_csv);
    assert!(csv.text().starts_with("id,title,people\n"));
    // The whole archive, gzip-compressed when asked, still complete.
    let all = get(served.addr, "/api/export", &[]);
    let lines = all.text().lines().count() as u64;
    assert_eq!(lines, cli(&env, &["count"])["count"].as_u64().unwrap() + 1, "articles + summary");
    let gz = get(served.addr, "/api/export", &[("Accept-Encoding", "gzip")]);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
}

#[test]
fn bad_input_is_a_json_4xx_never_a_500() {
    let env = sample();
    let served = Served::start(&env.index(), &[]);
    let bad_query = served.json(&format!("/api/search?q={}", enc("title:(oil")), 400);
    assert_eq!(bad_query["status"], 400);
    assert!(bad_query["column"].as_u64().is_some(), "{bad_query}");
    assert!(bad_query["message"].as_str().unwrap().contains("column"));
    let too_long = "word ".repeat(1000);
    let cases: Vec<(String, u16)> = vec![
        ("/api/search".into(), 400),
        (format!("/api/search?q={}", enc(&too_long)), 400),
        ("/api/search?q=oil&n=100000".into(), 400),
        ("/api/search?q=oil&n=-1".into(), 400),
        ("/api/search?q=oil&offset=99999999".into(), 400),
        ("/api/search?q=oil&sort=sideways".into(), 400),
        ("/api/search?q=oil&from=2019-13-45".into(), 400),
        ("/api/search?q=oil&from=2020&to=2019".into(), 400),
        ("/api/search?q=oil&nn=3".into(), 400),
        ("/api/search?q=oil&q=gas".into(), 400),
        ("/api/search?q=oil&any=maybe".into(), 400),
        ("/api/facets?q=oil".into(), 400),
        ("/api/facets?field=shoe".into(), 400),
        ("/api/histogram?by=decade".into(), 400),
        ("/api/histogram?field=title".into(), 400),
        ("/api/export?format=xml".into(), 400),
        ("/api/export?fields=id,secret".into(), 400),
        (format!("/api/export?q={}", enc("\"unclosed")), 400),
        ("/api/article/0000000000000000".into(), 404),
        (format!("/api/article/{}", enc("../../etc/passwd")), 404),
        (format!("/api/article/{}", enc("/etc/passwd")), 404),
        ("/api/article/2019%2F01%2Fsome.txt".into(), 404),
        ("/api/similar/ffffffffffffffff".into(), 404),
        ("/api/duplicates/ffffffffffffffff".into(), 404),
        ("/api/duplicates/ffffffffffffffff?threshold=2".into(), 400),
        ("/api/nothing".into(), 404),
    ];
    for (path, status) in cases {
        let response = served.get(&path);
        assert_eq!(response.status, status, "GET {path}: {}", response.text());
        let body = response.json();
        assert_eq!(body["status"], status, "GET {path}");
        assert!(!body["message"].as_str().unwrap_or_default().is_empty(), "GET {path}");
    }
    // A flood of odd queries: whatever the parser says, never a 500.
    for query in [
        "\"",
        "(",
        ")",
        "AND",
        "OR OR",
        "title:",
        ":",
        "*:*",
        "date:[2019 TO",
        "~",
        "a~9",
        "+-x",
        "\\",
        "%",
        "person:\"\"",
    ] {
        let response = served.get(&format!("/api/search?q={}", enc(query)));
        assert!(
            response.status == 200 || response.status == 400,
            "{query:?} gave {}: {}",
            response.status,
            response.text()
        );
    }
    // Only GET is served.
    let mut stream = std::net::TcpStream::connect(served.addr).unwrap();
    use std::io::{Read, Write};
    stream
        .write_all(
            b"POST /api/search?q=oil HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        )
        .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 405"), "{raw}");
}

#[test]
fn page_and_assets_are_embedded_with_a_strict_policy() {
    let env = sample();
    let served = Served::start(&env.index(), &[]);
    let page = served.get("/?q=venezuela");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    let html = page.text();
    assert!(html.contains("/assets/app.js") && html.contains("/assets/style.css"));
    assert!(!html.contains("http://") && !html.contains("https://"), "no external assets");
    let js = served.get("/assets/app.js");
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").unwrap().starts_with("text/javascript"));
    assert!(!js.text().contains("innerHTML"), "the script never parses data as HTML");
    assert_eq!(served.get("/assets/style.css").status, 200);
    assert_eq!(served.get("/favicon.svg").status, 200);
    assert_eq!(
        get(served.addr, "/", &[("Accept-Encoding", "gzip")]).header("content-encoding"),
        Some("gzip")
    );
}

/// Polls until `check` holds, for up to `seconds`.
fn eventually(seconds: u64, what: &str, mut check: impl FnMut() -> bool) -> Duration {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < Duration::from_secs(seconds), "timed out: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
    start.elapsed()
}

#[test]
fn follows_commits_and_answers_503_while_the_index_is_gone() {
    let env = sample();
    let served = Served::start(&env.index(), &[]);
    let before = served.json("/api/count?q=zanzibarian", 200)["count"].as_u64().unwrap();
    assert_eq!(before, 0);
    env.write("new/one.txt", "Zanzibarian ferry resumes\n\nThe Zanzibarian ferry line resumed crossings on Monday after a storm.\n");
    env.index_cmd(&[]).expect_code(0);
    let waited = eventually(5, "new commit visible", || {
        served.json("/api/count?q=zanzibarian", 200)["count"].as_u64() == Some(1)
    });
    assert!(waited < Duration::from_millis(1500), "new commit seen after {waited:?}");

    // Gone: 503 with a message, not a crash.
    let moved = env.dir.path().join("index-moved");
    std::fs::rename(env.index(), &moved).unwrap();
    eventually(5, "503 once the index is gone", || served.get("/api/count?q=ferry").status == 503);
    let gone = served.json("/api/search?q=ferry", 503);
    assert!(gone["message"].as_str().unwrap().contains("no morgue index"), "{gone}");
    assert_eq!(served.get("/").status, 200, "the page itself still loads");
    // Back: answers again.
    std::fs::rename(&moved, env.index()).unwrap();
    eventually(5, "answers once the index is back", || served.get("/api/count?q=zanzibarian").status == 200);
    // Replaced by a rebuild: the new contents are served.
    std::fs::remove_file(env.root().join("new/one.txt")).unwrap();
    std::fs::remove_dir_all(env.index()).unwrap();
    env.index_cmd(&[]).expect_code(0);
    eventually(5, "the rebuilt index is served", || {
        served.get("/api/count?q=zanzibarian").json()["count"].as_u64() == Some(0)
    });
}

#[test]
fn starts_without_an_index_and_serves_it_once_built() {
    let env = TestEnv::new().with_sample_corpus();
    let served = Served::start(&env.index(), &[]);
    let missing = served.json("/api/stats", 503);
    assert!(missing["message"].as_str().unwrap().contains("no morgue index"));
    env.index_cmd(&[]).expect_code(0);
    eventually(5, "the new index is served", || served.get("/api/stats").status == 200);
}

#[test]
fn other_addresses_need_a_token_or_public() {
    let env = sample();
    let refused = env.morgue(&["serve", "--addr", "0.0.0.0:0"]).expect_code(2);
    assert!(refused.stderr.contains("--token") && refused.stderr.contains("--public"), "{}", refused.stderr);
    env.morgue(&["serve", "--addr", "127.0.0.1:0", "--token", "has space"]).expect_code(2);

    let served = Served::start(&env.index(), &["--token", "s3cret-token"]);
    let denied = served.get("/api/count?q=oil");
    assert_eq!(denied.status, 401);
    assert!(denied.json()["message"].as_str().unwrap().contains("token"));
    assert_eq!(served.get("/").status, 401, "the page too");
    assert_eq!(get(served.addr, "/api/count", &[("Authorization", "Bearer wrong")]).status, 401);
    assert_eq!(get(served.addr, "/api/count", &[("Authorization", "Bearer s3cret-token")]).status, 200);
    assert_eq!(get(served.addr, "/api/count", &[("Cookie", "a=b; morgue_token=s3cret-token")]).status, 200);
    // A link with the token sets the cookie and drops the token from the address.
    let link = served.get("/?q=oil&token=s3cret-token");
    assert_eq!(link.status, 303);
    assert_eq!(link.header("location"), Some("/?q=oil"));
    assert!(link.header("set-cookie").unwrap().starts_with("morgue_token=s3cret-token;"));
    assert!(link.header("set-cookie").unwrap().contains("HttpOnly"));
    assert_eq!(served.get("/?token=nope").status, 401);
}

#[test]
fn slow_requests_are_answered_503_at_the_time_limit() {
    let env = sample();
    let config = morgue::serve::ServeConfig {
        index_dir: env.index(),
        spec: morgue::schema::SchemaSpec::builtin(),
        addr: "127.0.0.1:0".parse().unwrap(),
        token: None,
        public: false,
        limits: morgue::serve::Limits { timeout: Duration::ZERO, ..Default::default() },
    };
    let server = morgue::serve::bind(config).unwrap();
    let addr = server.local_addr().unwrap();
    // The server thread lives until the test process ends.
    std::thread::spawn(move || server.run());
    let slow = get(addr, "/api/search?q=*", &[]);
    assert_eq!(slow.status, 503, "{}", slow.text());
    assert!(slow.json()["message"].as_str().unwrap().contains("took longer"));
}
