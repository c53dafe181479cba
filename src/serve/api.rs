//! The JSON API: one handler per endpoint, each the HTTP twin of a `morgue` subcommand —
//! parameters checked as its flags are, the same library call, the same `Serialize` value
//! as its `--json`. Index work runs on tokio's blocking pool, at most `Limits::concurrent`
//! requests at once, and is answered with 503 after `Limits::timeout`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tokio::sync::Semaphore;

use crate::archive::Archive;
use crate::export::{self, ExportSummary};
use crate::output::{ArticleStream, CountResult, Format};
use crate::report::{self, FacetField, Interval};
use crate::search::{self, SearchRequest};
use crate::similar;

use super::error::ApiError;
use super::live::Live;
use super::lookup;
use super::params::{article_id, Params};
use super::stream;
use super::Limits;

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    live: Arc<Live>,
    limits: Arc<Limits>,
    permits: Arc<Semaphore>,
}

impl AppState {
    pub fn new(live: Arc<Live>, limits: Limits) -> AppState {
        let permits = Arc::new(Semaphore::new(limits.concurrent.max(1)));
        AppState { live, limits: Arc::new(limits), permits }
    }

    /// Runs index work on the blocking pool against the current snapshot, within the limits.
    async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Archive) -> Result<T, ApiError> + Send + 'static,
    {
        let archive = self.live.archive()?;
        let timeout = self.limits.timeout;
        let late =
            || ApiError::unavailable(format!("the request took longer than {} s", timeout.as_secs_f64()));
        let job = async {
            let permit = self.permits.clone().acquire_owned().await.map_err(|_| late())?;
            let task = tokio::task::spawn_blocking(move || {
                let _permit = permit;
                work(&archive)
            });
            task.await
                .map_err(|e| ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        };
        // The timer fires on the next millisecond tick at the earliest, so work that finished
        // past the limit before it fired is late too: the limit holds however short it is.
        let started = tokio::time::Instant::now();
        let answer = tokio::time::timeout(timeout, job).await.map_err(|_| late())?;
        if started.elapsed() > timeout {
            return Err(late());
        }
        answer
    }
}

type Answer<T> = Result<Json<T>, ApiError>;
type Pairs = Query<Vec<(String, String)>>;

pub fn routes(state: AppState) -> Router {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/count", get(count))
        .route("/api/facets", get(facets))
        .route("/api/histogram", get(histogram))
        .route("/api/stats", get(stats))
        .route("/api/article/{id}", get(article))
        .route("/api/article/{id}/highlights", get(highlights))
        .route("/api/similar/{id}", get(similar))
        .route("/api/duplicates/{id}", get(duplicates))
        .route("/api/export", get(export))
        .route("/api/{*rest}", get(unknown))
        .with_state(state)
}

async fn unknown(Path(rest): Path<String>) -> ApiError {
    ApiError::not_found(format!("no API endpoint /api/{rest}"))
}

/// `morgue search QUERY [-n N] [--offset K] [--sort S] [--from/--to/--any] [--no-collapse]
/// [--exact-total]` (`collapse=false`, `exact_total=true`).
async fn search(State(state): State<AppState>, Query(pairs): Pairs) -> Answer<search::SearchResults> {
    let mut p = Params::new(pairs)?;
    let limits = &state.limits;
    let request = SearchRequest {
        query: p.query(None, limits)?,
        limit: p.number("n", 10, 0, limits.max_n)?,
        offset: p.number("offset", 0, 0, limits.max_offset)?,
        sort: p.sort()?,
        options: p.options()?,
        collapse: p.choice(
            "collapse",
            true,
            &[("true", true), ("1", true), ("false", false), ("0", false)],
        )?,
        total_cap: (!p.choice(
            "exact_total",
            false,
            &[("true", true), ("1", true), ("false", false), ("0", false)],
        )?)
        .then_some(search::TOTAL_CAP),
        ..SearchRequest::new("")
    };
    p.finish()?;
    Ok(Json(state.run(move |archive| Ok(search::search(archive, &request)?)).await?))
}

/// `morgue count [QUERY] [--from/--to/--any]`.
async fn count(State(state): State<AppState>, Query(pairs): Pairs) -> Answer<CountResult> {
    let mut p = Params::new(pairs)?;
    let query = p.query(Some("*"), &state.limits)?;
    let options = p.options()?;
    p.finish()?;
    let count = state
        .run(move |archive| Ok(CountResult { count: search::count(archive, &query, &options)?, query }))
        .await?;
    Ok(Json(count))
}

/// `morgue facets FIELD [QUERY] [-n TOP]`: `field` is required.
async fn facets(State(state): State<AppState>, Query(pairs): Pairs) -> Answer<report::Facets> {
    let mut p = Params::new(pairs)?;
    if !p.has("field") {
        return Err(ApiError::bad_request("missing parameter `field` (person, topic, dateline, source, …)"));
    }
    let fields = FacetField::ALL.map(|f| (f.name(), f));
    let field = p.choice("field", FacetField::Person, &fields)?;
    let query = p.query(Some("*"), &state.limits)?;
    let top = p.number("top", 20, 1, 1000)?;
    let options = p.options()?;
    p.finish()?;
    Ok(Json(state.run(move |archive| Ok(report::facets(archive, field, &query, &options, top)?)).await?))
}

/// `morgue histogram [QUERY] [--by month] [--field date]`.
async fn histogram(State(state): State<AppState>, Query(pairs): Pairs) -> Answer<report::Histogram> {
    let mut p = Params::new(pairs)?;
    let query = p.query(Some("*"), &state.limits)?;
    let interval = p.choice(
        "by",
        Interval::Month,
        &[
            ("day", Interval::Day),
            ("week", Interval::Week),
            ("month", Interval::Month),
            ("year", Interval::Year),
        ],
    )?;
    let field = p.take("field").unwrap_or_else(|| "date".into());
    let options = p.options()?;
    p.finish()?;
    let histogram =
        state.run(move |archive| Ok(report::histogram(archive, &query, &options, &field, interval)?));
    Ok(Json(histogram.await?))
}

/// `morgue stats`.
async fn stats(State(state): State<AppState>, Query(pairs): Pairs) -> Answer<report::Stats> {
    Params::new(pairs)?.finish()?;
    Ok(Json(state.run(|archive| Ok(report::stats(archive)?)).await?))
}

/// `morgue show ID` (by id only).
async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(pairs): Pairs,
) -> Answer<crate::archive::StoredArticle> {
    let mut p = Params::new(pairs)?;
    let with_body = p.choice("body", true, &[("true", true), ("1", true), ("false", false), ("0", false)])?;
    p.finish()?;
    let id = article_id(&id)?.to_string();
    let article = state.run(move |archive| {
        let address = lookup::by_id(archive, &id)?;
        Ok(archive.article(archive.document(address, with_body)?, with_body))
    });
    Ok(Json(article.await?))
}

/// The article's body with the query's matches (`q`, `from`/`to`/`any` as in search).
async fn highlights(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(pairs): Pairs,
) -> Answer<search::Snippet> {
    let mut p = Params::new(pairs)?;
    let query = p.query(None, &state.limits)?;
    let options = p.options()?;
    p.finish()?;
    let id = article_id(&id)?.to_string();
    let snippet = state.run(move |archive| {
        let address = lookup::by_id(archive, &id)?;
        Ok(lookup::highlight(archive, address, &query, &options)?)
    });
    Ok(Json(snippet.await?))
}

/// `morgue similar ID [-n N]` (by id only).
async fn similar(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(pairs): Pairs,
) -> Answer<similar::SimilarResults> {
    let mut p = Params::new(pairs)?;
    let n = p.number("n", 10, 1, state.limits.max_n)?;
    p.finish()?;
    let id = article_id(&id)?.to_string();
    let results = state.run(move |archive| {
        lookup::by_id(archive, &id)?;
        Ok(similar::similar(archive, &id, n)?)
    });
    Ok(Json(results.await?))
}

/// Near-copies of an article (`threshold` 0–1, default as `audit --check near-duplicates`).
async fn duplicates(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(pairs): Pairs,
) -> Answer<lookup::NearCopies> {
    let mut p = Params::new(pairs)?;
    let threshold = match p.take("threshold") {
        None => crate::audit::DEFAULT_NEAR_THRESHOLD,
        Some(text) => match text.parse::<f64>() {
            Ok(t) if (0.0..=1.0).contains(&t) => t,
            _ => {
                return Err(ApiError::bad_request(format!(
                    "`threshold` must be between 0 and 1, not `{text}`"
                )))
            }
        },
    };
    let n = p.number("n", 20, 1, state.limits.max_n)?;
    p.finish()?;
    let id = article_id(&id)?.to_string();
    let copies = state.run(move |archive| {
        let address = lookup::by_id(archive, &id)?;
        Ok(lookup::near_copies(archive, address, threshold, n)?)
    });
    Ok(Json(copies.await?))
}

/// `morgue export [QUERY] --format ndjson|csv [--fields …]`, streamed.
async fn export(State(state): State<AppState>, Query(pairs): Pairs) -> Result<Response, ApiError> {
    let mut p = Params::new(pairs)?;
    let query = p.query(Some("*"), &state.limits)?;
    let format = p.choice("format", Format::Ndjson, &[("ndjson", Format::Ndjson), ("csv", Format::Csv)])?;
    let fields = match p.take("fields") {
        Some(list) => export::parse_fields(&list)?,
        None => export::default_fields(),
    };
    let options = p.options()?;
    p.finish()?;
    let archive = state.live.archive()?;
    // A bad query is a 400 before the stream starts.
    let checked = query.clone();
    let parse_options = options.clone();
    state
        .run(move |archive| archive.parse_query(&checked, &parse_options).map(drop).map_err(ApiError::from))
        .await?;
    let (mut writer, body) = stream::channel();
    let with_body = fields.iter().any(|f| f == "body");
    tokio::task::spawn_blocking(move || {
        let mut out = ArticleStream::new(&mut writer, format, fields, "morgue");
        let exported = export::export(&archive, &query, &options, with_body, |article| {
            out.write(&article).map_err(|e| crate::Error::io("export stream", e))
        });
        if let Ok(exported) = exported {
            let _ = out.finish(&ExportSummary { query, exported });
        }
        let _ = std::io::Write::flush(&mut writer);
    });
    let (mime, extension) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
        _ => ("application/x-ndjson", "ndjson"),
    };
    let disposition = format!("attachment; filename=\"morgue-export.{extension}\"");
    Ok(([(CONTENT_TYPE, mime.to_string()), (CONTENT_DISPOSITION, disposition)], Body::new(body))
        .into_response())
}
