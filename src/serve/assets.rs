//! The page: a static HTML shell, its stylesheet and script, embedded in the binary with
//! `include_str!` (no build step, nothing fetched from elsewhere). The script renders every
//! result from the JSON API with DOM text nodes, so article and query text is never parsed
//! as markup; the server fills in no template.

use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const STYLE_CSS: &str = include_str!("assets/style.css");
const ICON_SVG: &str = include_str!("assets/icon.svg");

pub fn routes() -> Router {
    Router::new()
        .route("/", get(|| async { ([(CONTENT_TYPE, "text/html; charset=utf-8")], INDEX_HTML) }))
        .route("/assets/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/assets/style.css", get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }))
        .route("/favicon.svg", get(|| async { asset("image/svg+xml", ICON_SVG) }))
}

fn asset(mime: &'static str, text: &'static str) -> impl IntoResponse {
    ([(CONTENT_TYPE, mime)], text)
}
