//! The page in headless Chromium, used as a reader would: open it, type a query, read the
//! first result, narrow by a person chip, a facet and the histogram (each count checked
//! against `morgue count` of the query the box then shows), open an article, go back; and
//! articles built to attack the page (markup and `javascript:` links in title, body, people
//! — through the alias file — and path) must show as text and run nothing. Skips, with a printed line, when chromium
//! and chromedriver are not installed. With MORGUE_SCREENSHOTS=DIR it saves the main views
//! as PNGs there (the README's pictures: `MORGUE_SCREENSHOTS=docs cargo test --test browser`).

mod serve_util;
mod util;

use serde_json::{json, Value};
use serve_util::webdriver::{Driver, Session};
use serve_util::Served;
use util::TestEnv;

fn sample() -> TestEnv {
    let env = TestEnv::new().with_sample_corpus();
    env.index_cmd(&[]).expect_code(0);
    env
}

fn shot(session: &Session, name: &str) {
    if let Some(dir) = std::env::var_os("MORGUE_SCREENSHOTS") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        session.screenshot(&dir.join(name));
    }
}

fn count(env: &TestEnv, args: &[&str]) -> u64 {
    let mut all = vec!["count"];
    all.extend_from_slice(args);
    env.morgue_json(&all)["count"].as_u64().unwrap()
}

fn js_string(session: &Session, script: &str) -> String {
    session.run(script, vec![]).as_str().unwrap_or_default().to_string()
}

/// Waits until the page shows the state in its URL (the script marks `body[data-ready]`).
fn settle(session: &Session) {
    session.wait_until("the page to settle", "return document.body.dataset.ready === '1'");
}

/// Goes back and waits for the earlier view (an article when `reading`) to be rendered.
fn back_to(session: &Session, reading: bool) {
    session.back();
    let script = format!("return document.body.classList.contains('reading') === {reading}");
    session.wait_until("the earlier view", &script);
    settle(session);
}

/// Waits for the results of the current URL to be on the page and returns the shown total.
fn shown_total(session: &Session) -> u64 {
    settle(session);
    session.wait_until(
        "results",
        "const t = document.getElementById('total'); return !!t && !document.body.classList.contains('reading');",
    );
    session.run("return Number(document.getElementById('total').dataset.total)", vec![]).as_u64().unwrap()
}

/// Waits until the shown total equals `morgue count` of the query in the box (and dates).
fn total_agrees_with_cli(env: &TestEnv, session: &Session, what: &str) -> String {
    settle(session);
    session.wait_until(what, "return location.search.length > 0 && !!document.getElementById('total')");
    let state: Value = session.run(
        "const p = new URLSearchParams(location.search); return [document.getElementById('q').value, p.get('from') || '', p.get('to') || ''];",
        vec![],
    );
    let query = state[0].as_str().unwrap().to_string();
    let mut args = vec![query.as_str()];
    for (flag, value) in [("--from", &state[1]), ("--to", &state[2])] {
        if let Some(v) = value.as_str().filter(|v| !v.is_empty()) {
            args.push(flag);
            args.push(v);
        }
    }
    let expected = count(env, &args);
    let script =
        format!("const t = document.getElementById('total'); return !!t && t.dataset.total === '{expected}'");
    session.wait_until(&format!("{what}: total {expected} for {args:?}"), &script);
    query
}

#[test]
fn a_reader_searches_narrows_reads_and_goes_back() {
    let Some(driver) = Driver::start() else { return };
    let env = sample();
    let served = Served::start(&env.index(), &[]);
    let session = driver.session(1280, 900);
    session.goto(&served.url("/"));
    settle(&session);
    session.wait_until(
        "the welcome line",
        "return document.getElementById('status').textContent.includes('articles in the archive')",
    );

    // `/` focuses the box, Enter searches.
    session.run("document.activeElement.blur()", vec![]);
    session.keys("/");
    assert_eq!(session.run("return document.activeElement.id", vec![]), json!("q"));
    session.keys("venezuela\u{E007}");
    let total = shown_total(&session);
    assert_eq!(total, count(&env, &["venezuela"]));
    let expected = env.morgue_json(&["search", "venezuela", "-n", "1"]);
    let first = session.wait_for("#results .hit h3 a");
    assert_eq!(session.text(&first), expected["hits"][0]["title"].as_str().unwrap());
    assert!(session.url().ends_with("/?q=venezuela"), "{}", session.url());
    assert!(!session.find_all("#results .snippet mark").is_empty(), "highlighted snippets");
    shot(&session, "results.png");

    // A person chip narrows the query; the count is `morgue count` of the box's query.
    let chip = session.wait_for("#results .hit .chip.person");
    let person = session.text(&chip);
    session.click(&chip);
    let query = total_agrees_with_cli(&env, &session, "person chip");
    assert!(query.contains(&format!("person:\"{person}\"")), "{query}");
    assert!(shown_total(&session) <= total);

    // Back restores the plain search; a facet value narrows it instead.
    session.back();
    session
        .wait_until("back to the plain query", "return document.getElementById('q').value === 'venezuela'");
    settle(&session);
    let facet = session.wait_for("#facets button.facet[data-field=topic]");
    session.click(&facet);
    let query = total_agrees_with_cli(&env, &session, "topic facet");
    assert!(query.starts_with("venezuela topic:\""), "{query}");
    session.wait_for("#facets button.facet.on");

    // The histogram: a click on a bar narrows the dates.
    session.goto(&served.url("/?q=*"));
    settle(&session);
    let bar = session.wait_for("#histogram .bar");
    session.click(&bar);
    session.wait_until("dates from the bar", "return location.search.includes('from=')");
    total_agrees_with_cli(&env, &session, "histogram bar");

    // Open an article from a shared link's results, then come back.
    session.goto(&served.url("/?q=venezuela"));
    settle(&session);
    let first = session.wait_for("#results .hit h3 a");
    let title = session.text(&first);
    session.click(&first);
    settle(&session);
    let heading = session.wait_for("#article h1");
    assert_eq!(session.text(&heading), title);
    assert!(session.url().contains("article="));
    session.wait_for("#article .body mark");
    session.wait_for("#article .related");
    let path = session.text(&session.wait_for("#article code.path"));
    assert!(path.ends_with(".txt") || path.contains('.'), "{path}");
    shot(&session, "article.png");
    back_to(&session, false);
    let again = session.wait_for("#results .hit h3 a");
    assert_eq!(session.text(&again), title);
    assert!(session.url().ends_with("/?q=venezuela"));

    // A bad query shows the message and the column.
    session.goto(&served.url("/?q=title%3A(oil"));
    settle(&session);
    session.wait_for("#status .error");
    assert!(!session.find_all("#status .caret").is_empty());

    // Phone width, then dark.
    session.set_size(390, 844);
    session.goto(&served.url("/?q=iran"));
    shown_total(&session);
    let overflow =
        session.run("return document.documentElement.scrollWidth <= window.innerWidth + 1", vec![]);
    assert_eq!(overflow, json!(true), "no sideways scrolling at phone width");
    shot(&session, "phone.png");
    session.set_size(1280, 900);
    session.color_scheme("dark");
    session.goto(&served.url("/?q=iran"));
    shown_total(&session);
    let background = js_string(&session, "return getComputedStyle(document.documentElement).backgroundColor");
    assert_eq!(background, "rgb(22, 24, 27)", "dark background");
    shot(&session, "dark.png");
}

#[test]
fn markup_in_articles_and_queries_never_runs() {
    let Some(driver) = Driver::start() else { return };
    let env = TestEnv::new();
    env.write(
        "attack/<script>window.__xss='path'<\\script>.txt",
        "<script>window.__xss='title'</script> Harbour board <img src=x onerror=\"window.__xss='title-img'\">\n\n\
         ROTTERDAM (Wire) - Harbour pilots said \"><img src=x onerror=window.__xss='body'> on Monday that \
         the new locks were ready. Jan <b onmouseover=\"window.__xss='person'\">Vermeer</b> Vos, the harbour \
         master, said the work was done. Vos said <a href=\"javascript:window.__xss='link'\">click here</a> \
         and javascript:window.__xss='text' were seen on a notice board.\n",
    );
    env.write(
        "attack/\"><img src=x onerror=window.__xss=1>.txt",
        "Harbour pilots <svg onload=\"window.__xss='svg'\">\n\nROTTERDAM (Wire) - Pieter <i>de</i> Groot, a harbour \
         pilot, said Pieter \"><script>window.__xss='person2'</script> Groot was busy.\n",
    );
    env.write(
        "attack/plain.txt",
        "Harbour board meets\n\nROTTERDAM (Wire) - The new locks are ready, harbour master Peter Vos told \
         reporters on Monday. \"The work is done,\" said Peter Vos, who has run the port for a decade.\n",
    );
    // People come from the text, so markup reaches a person's name through the alias file.
    let schema = env.dir.path().join("schema");
    std::fs::create_dir_all(&schema).unwrap();
    std::fs::write(
        schema.join("person-aliases.toml"),
        "\"Peter <img src=x onerror=\\\"window.__xss='person'\\\"> Vos\" = [\"Peter Vos\"]\n",
    )
    .unwrap();
    let schema = schema.to_str().unwrap();
    env.index_cmd(&["--schema-dir", schema]).expect_code(0);
    let people = env.morgue_json(&["facets", "person", "harbour", "-n", "0"]);
    assert!(people["values"].to_string().contains("<img src=x onerror="), "{}", people["values"]);
    let served = Served::start(&env.index(), &["--schema-dir", schema]);
    let session = driver.session(1280, 900);
    session.goto(&served.url("/?q=harbour"));
    assert_eq!(shown_total(&session), 3);
    let chips: Vec<String> =
        session.find_all("#results .chip.person").iter().map(|e| session.text(e)).collect();
    assert!(chips.iter().any(|c| c.starts_with("Peter <img src=x")), "person shown as text: {chips:?}");
    let titles: Vec<String> =
        session.find_all("#results .hit h3 a").iter().map(|e| session.text(e)).collect();
    assert!(
        titles.iter().any(|t| t.contains("<script>window.__xss='title'</script>")),
        "title shown as text: {titles:?}"
    );
    let clean = "return window.__xss === undefined && document.querySelectorAll('img, svg:not(.chart), iframe, object, embed').length === 0 \
                 && document.scripts.length === 1 && document.querySelectorAll('a[href^=\"javascript:\" i]').length === 0 \
                 && [...document.querySelectorAll('*')].every(e => ![...e.attributes].some(a => a.name.startsWith('on')))";
    assert_eq!(session.run(clean, vec![]), json!(true), "results page");
    // Every article view, and every chip on it.
    let ids: Vec<String> = env.morgue_json(&["search", "harbour"])["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    for id in &ids {
        session.goto(&served.url(&format!("/?q=harbour&article={id}")));
        settle(&session);
        session.wait_for("#article h1");
        session.wait_for("#article .related");
        assert_eq!(session.run(clean, vec![]), json!(true), "article {id}");
        let path = session.text(&session.wait_for("#article code.path"));
        assert!(path.contains("attack/"), "{path}");
        let chips = session.find_all("#article .chip").len();
        for i in 0..chips {
            let chip = session.find_all("#article .chip").into_iter().nth(i).unwrap();
            session.click(&chip);
            settle(&session);
            assert!(
                session.run("return document.body.classList.contains('reading')", vec![]) == json!(false)
            );
            assert_eq!(session.run(clean, vec![]), json!(true), "after a chip click");
            back_to(&session, true);
            session.wait_for("#article h1");
        }
    }
    // Markup typed as a query is shown as text in the error, not parsed.
    session.goto(&served.url("/"));
    let q = session.wait_for("#q");
    session.type_text(&q, "\"><img src=x onerror=window.__xss='query'> (\u{E007}");
    settle(&session);
    session.wait_for("#status .error");
    assert_eq!(session.run(clean, vec![]), json!(true), "query error");
}

/// Dragging across histogram bars narrows the dates to the span of the bars dragged over,
/// and the total is `morgue count` of the query with those dates.
#[test]
fn dragging_across_the_histogram_narrows_the_dates() {
    let Some(driver) = Driver::start() else { return };
    let env = sample();
    let served = Served::start(&env.index(), &[]);
    let session = driver.session(1280, 900);
    session.goto(&served.url("/?q=*"));
    settle(&session);
    session.wait_for("#histogram .bar");
    let bars = session.find_all("#histogram .bar");
    assert!(bars.len() >= 4, "{} bars", bars.len());
    let key = |i: usize| {
        js_string(
            &session,
            &format!(
                "return document.querySelectorAll('#histogram .bar title')[{i}].textContent.split(':')[0]"
            ),
        )
    };
    let (first, last) = (key(1), key(3));
    session.drag(&bars[1], &bars[3]);
    session.wait_until(
        "dates from the drag",
        "return location.search.includes('from=') && location.search.includes('to=')",
    );
    let dates: Value = session
        .run("const p = new URLSearchParams(location.search); return [p.get('from'), p.get('to')];", vec![]);
    let (from, to) = (dates[0].as_str().unwrap(), dates[1].as_str().unwrap());
    assert!(from.starts_with(&first), "from {from} is the start of bar {first}");
    assert!(to.starts_with(&last), "to {to} is the end of bar {last}, not of the bar pressed");
    let total = shown_total(&session);
    total_agrees_with_cli(&env, &session, "histogram drag");
    assert!(total < count(&env, &["*"]), "the drag narrowed the archive");
}
