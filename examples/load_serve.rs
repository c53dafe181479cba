//! Load test of `morgue serve`: starts the server (target/release/morgue) on a free loopback
//! port over an existing index, runs N concurrent keep-alive clients for a bounded time,
//! each sending searches from a fixed mix (words, phrases, fields, booleans, date filters,
//! paging, date sort) plus some counts and facets, while `morgue-index` adds new files to the
//! corpus and commits every few seconds. Reports requests/s, p50/p90/p99/max latency per
//! endpoint, errors, the commits the server saw, the server's CPU time per request (which a
//! busy shared machine disturbs less than latency: the clients run on the same cores), and
//! the server's resident memory at start, end and every tenth of the run.
//!
//! ```text
//! cargo build --release --bins
//! cargo run --release --example gen_corpus -- --count 50000 --seed 7 --out /tmp/c50k
//! target/release/morgue-index --index /tmp/c50k.idx /tmp/c50k
//! cargo run --release --example load_serve -- --index /tmp/c50k.idx --corpus /tmp/c50k --clients 16 --seconds 30
//! ```
//! Clients are capped at 64 and the run at 300 s; everything stays on 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Queries of the mix (written for this test; common news words, not corpus text).
const QUERIES: &[&str] = &[
    "oil",
    "election",
    "bank rates",
    "\"central bank\"",
    "minister AND talks",
    "government OR parliament",
    "trade -china",
    "title:market",
    "police protest",
    "company shares profit",
    "year:2019 economy",
    "prices",
    "storm damage",
    "court ruling",
    "football",
    "inflation",
    "export*",
    "strike workers union",
    "energy",
    "vote",
];

struct Options {
    index: PathBuf,
    corpus: Option<PathBuf>,
    clients: usize,
    seconds: u64,
    bin_dir: PathBuf,
    add_every: Duration,
    add_files: usize,
}

fn parse_args() -> Options {
    let mut options = Options {
        index: PathBuf::new(),
        corpus: None,
        clients: 16,
        seconds: 30,
        bin_dir: PathBuf::from("target/release"),
        add_every: Duration::from_secs(3),
        add_files: 50,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--index" => options.index = PathBuf::from(value),
            "--corpus" => options.corpus = Some(PathBuf::from(value)),
            "--clients" => options.clients = value.parse().expect("--clients N"),
            "--seconds" => options.seconds = value.parse().expect("--seconds S"),
            "--bin-dir" => options.bin_dir = PathBuf::from(value),
            "--add-every" => {
                options.add_every = Duration::from_millis(value.parse().expect("--add-every MS"))
            }
            "--add-files" => options.add_files = value.parse().expect("--add-files N"),
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    assert!(!options.index.as_os_str().is_empty(), "--index DIR is required");
    options.clients = options.clients.clamp(1, 64);
    options.seconds = options.seconds.clamp(1, 300);
    options
}

/// One keep-alive connection.
struct Client {
    addr: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

impl Client {
    fn get(&mut self, path: &str) -> std::io::Result<u16> {
        if self.stream.is_none() {
            let stream = TcpStream::connect(self.addr)?;
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(Duration::from_secs(30)))?;
            self.stream = Some(BufReader::new(stream));
        }
        let result = self.exchange(path);
        if result.is_err() {
            self.stream = None;
        }
        result
    }

    fn exchange(&mut self, path: &str) -> std::io::Result<u16> {
        let reader = self.stream.as_mut().unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr);
        reader.get_mut().write_all(request.as_bytes())?;
        let mut line = String::new();
        reader.read_line(&mut line)?;
        let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut length = 0usize;
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        Ok(status)
    }
}

fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// The request of step `i` of a client: mostly searches, some counts and facets.
fn request(i: usize) -> (&'static str, String) {
    let q = enc(QUERIES[i % QUERIES.len()]);
    match i % 10 {
        0..=5 => ("search", format!("/api/search?q={q}&n=20")),
        6 => ("search", format!("/api/search?q={q}&n=20&offset=20&sort=date")),
        7 => ("search", format!("/api/search?q={q}&n=20&from=2018&to=2020")),
        8 => ("count", format!("/api/count?q={q}")),
        _ => ("facets", format!("/api/facets?field=topic&q={q}&top=8")),
    }
}

fn rss_kb(pid: u32) -> u64 {
    status_kb(pid, "VmRSS:")
}

/// One `kB` line of /proc/PID/status: `VmRSS:`, `RssAnon:` (heap: what must stay flat) or
/// `RssFile:` (mapped index files, which the page cache may share and drop).
fn status_kb(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(key)).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

/// CPU seconds (user + system) the process has used so far, from /proc (Linux).
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks: u64 = [11, 12].iter().filter_map(|&i| fields.get(i)?.parse::<u64>().ok()).sum();
    // USER_HZ is 100 on every Linux this runs on.
    ticks as f64 / 100.0
}

fn start_server(options: &Options) -> (Child, SocketAddr) {
    let mut child = Command::new(options.bin_dir.join("morgue"))
        .arg("--index")
        .arg(&options.index)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start morgue serve (build with `cargo build --release --bins`)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|r| r.split('/').next()).and_then(|a| a.parse().ok());
    (child, addr.unwrap_or_else(|| panic!("no address in {line:?}")))
}

/// Writes `n` new small articles (original text) and runs morgue-index; returns the run time.
fn add_and_index(options: &Options, corpus: &PathBuf, round: usize) -> Duration {
    let dir = corpus.join("load-test-additions").join(format!("round-{round:04}"));
    std::fs::create_dir_all(&dir).unwrap();
    for k in 0..options.add_files {
        let text = format!(
            "Load test dispatch {round}-{k}\n\nLONDON (Test Wire) - Port officials said on Monday that cargo volumes \
             rose in round {round}, item {k}, as the energy market steadied and exporters resumed shipments.\n"
        );
        std::fs::write(dir.join(format!("dispatch-{k:03}.txt")), text).unwrap();
    }
    let start = Instant::now();
    let status = Command::new(options.bin_dir.join("morgue-index"))
        .arg("--index")
        .arg(&options.index)
        .arg(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run morgue-index");
    assert!(status.success(), "morgue-index failed");
    start.elapsed()
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn main() {
    let options = parse_args();
    let (mut server, addr) = start_server(&options);
    let pid = server.id();
    // Warm up: each query once.
    let mut warm = Client { addr, stream: None };
    for i in 0..QUERIES.len() * 10 {
        let _ = warm.get(&request(i).1);
    }
    let rss_start = rss_kb(pid);
    let cpu_start = cpu_seconds(pid);
    let stop = Arc::new(AtomicBool::new(false));
    // The server's memory every tenth of the run, to show whether it stays flat.
    let rss_series = {
        let (stop, seconds) = (stop.clone(), options.seconds);
        std::thread::spawn(move || {
            let mut series = Vec::new();
            let step = Duration::from_millis(seconds * 100);
            let mut next = Instant::now();
            while !stop.load(Ordering::Relaxed) {
                if Instant::now() >= next {
                    series.push((status_kb(pid, "RssAnon:") / 1024, status_kb(pid, "RssFile:") / 1024));
                    next += step;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            series
        })
    };
    let errors = Arc::new(AtomicU64::new(0));
    let samples: Arc<Mutex<Vec<(&'static str, u64)>>> = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let workers: Vec<_> = (0..options.clients)
        .map(|c| {
            let (stop, errors, samples) = (stop.clone(), errors.clone(), samples.clone());
            std::thread::spawn(move || {
                let mut client = Client { addr, stream: None };
                let mut mine = Vec::new();
                let mut i = c * 7;
                while !stop.load(Ordering::Relaxed) {
                    let (kind, path) = request(i);
                    let t = Instant::now();
                    match client.get(&path) {
                        Ok(200) => mine.push((kind, t.elapsed().as_micros() as u64)),
                        Ok(status) => {
                            eprintln!("HTTP {status} for {path}");
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(e) => {
                            eprintln!("error for {path}: {e}");
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    i += 1;
                }
                samples.lock().unwrap().extend(mine);
            })
        })
        .collect();
    // The indexer adds files meanwhile; the server's view of the count is checked per round.
    let mut rounds = 0;
    let mut index_time = Duration::ZERO;
    let mut seen_late = Vec::new();
    while started.elapsed() < Duration::from_secs(options.seconds) {
        std::thread::sleep(
            options.add_every.min(Duration::from_secs(options.seconds).saturating_sub(started.elapsed())),
        );
        if let Some(corpus) = &options.corpus {
            if started.elapsed() + Duration::from_secs(2) < Duration::from_secs(options.seconds) {
                index_time += add_and_index(&options, corpus, rounds);
                rounds += 1;
                // How long until the server answers with the new commit.
                let t = Instant::now();
                let want = rounds * options.add_files;
                let q = format!("/api/count?q={}", enc("\"load test dispatch\""));
                loop {
                    let body = get_body(addr, &q).unwrap_or_default();
                    if body.contains(&format!("\"count\":{want}")) || t.elapsed() > Duration::from_secs(5) {
                        seen_late.push(t.elapsed());
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        w.join().unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let rss_end = rss_kb(pid);
    let cpu_used = cpu_seconds(pid) - cpu_start;
    let rss_series = rss_series.join().unwrap_or_default();
    let _ = server.kill();
    let _ = server.wait();
    if let Some(corpus) = &options.corpus {
        let _ = std::fs::remove_dir_all(corpus.join("load-test-additions"));
        let _ = add_and_index_cleanup(&options, corpus);
    }
    let samples = samples.lock().unwrap();
    let errors = errors.load(Ordering::Relaxed);
    println!(
        "{} clients, {:.1} s: {} requests ({:.0} req/s), {} errors",
        options.clients,
        elapsed,
        samples.len(),
        samples.len() as f64 / elapsed,
        errors
    );
    for kind in ["all", "search", "count", "facets"] {
        let mut times: Vec<u64> =
            samples.iter().filter(|(k, _)| kind == "all" || *k == kind).map(|(_, t)| *t).collect();
        times.sort_unstable();
        println!(
            "  {kind:<7} n={:<7} p50 {:>7.2} ms  p90 {:>7.2} ms  p99 {:>7.2} ms  max {:>8.2} ms",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.9),
            percentile(&times, 0.99),
            percentile(&times, 1.0)
        );
    }
    if rounds > 0 {
        let worst = seen_late.iter().max().copied().unwrap_or_default();
        println!(
            "  indexer: {rounds} commits of {} files ({:.1} s indexing); new commit visible after at most {:.0} ms",
            options.add_files,
            index_time.as_secs_f64(),
            worst.as_secs_f64() * 1000.0
        );
    }
    println!(
        "  server CPU: {:.1} s in all, {:.2} ms per request (the budget for 16 clients at p50 20 ms on 2 cores is ~2.5)",
        cpu_used,
        cpu_used * 1000.0 / samples.len().max(1) as f64
    );
    println!("  server RSS: {} MB at start, {} MB at end", rss_start / 1024, rss_end / 1024);
    let anon: Vec<String> = rss_series.iter().map(|(a, _)| a.to_string()).collect();
    let file: Vec<String> = rss_series.iter().map(|(_, f)| f.to_string()).collect();
    println!("  server anonymous RSS every tenth of the run, MB: {}", anon.join(" "));
    println!("  server file-backed RSS every tenth of the run, MB: {}", file.join(" "));
}

/// One request on a new connection; the whole response as text.
fn get_body(addr: SocketAddr, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(addr).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").ok()?;
    let mut text = String::new();
    stream.read_to_string(&mut text).ok()?;
    Some(text)
}

/// Removes the added files from the index again (an incremental run after deleting them).
fn add_and_index_cleanup(options: &Options, corpus: &PathBuf) -> std::io::Result<()> {
    Command::new(options.bin_dir.join("morgue-index"))
        .arg("--index")
        .arg(&options.index)
        .arg(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    Ok(())
}
