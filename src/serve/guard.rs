//! What wraps every route: the token check (when `--token` is set: a bearer token or the
//! `morgue_token` cookie, which `/?token=…` sets once for a browser), security headers (a
//! Content-Security-Policy that allows only the embedded script and styles, so even a
//! markup slip could not run injected code), gzip, a request-body limit (the API is GET only)
//! and a backstop timeout for the whole response head.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Query, Request, State};
use axum::http::header::{
    HeaderValue, AUTHORIZATION, CACHE_CONTROL, CONTENT_SECURITY_POLICY, COOKIE, LOCATION, REFERRER_POLICY,
    SET_COOKIE, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use super::error::ApiError;

/// The page may run only its own script and styles, talk only to this server, and never be
/// framed.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The cookie a browser sends the token in.
const COOKIE_NAME: &str = "morgue_token";

/// Characters a token may use: safe in a header, a cookie and a URL without escaping.
pub fn valid_token(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~+/=".contains(&b))
}

/// Wraps the routes in the token check (when set), headers, gzip, limits and the timeout.
pub fn wrap(router: Router, token: Option<String>, timeout: Duration) -> Router {
    let router = router.layer(middleware::map_response(headers));
    let router = match token {
        Some(token) => router.layer(middleware::from_fn_with_state(Arc::new(token), check_token)),
        None => router,
    };
    router.layer(CompressionLayer::new()).layer(RequestBodyLimitLayer::new(16 * 1024)).layer(
        TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, timeout + Duration::from_secs(5)),
    )
}

async fn headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.entry(CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Equal without an early exit on the first differing byte.
fn same(given: &str, token: &str) -> bool {
    given.len() == token.len() && given.bytes().zip(token.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

async fn check_token(State(token): State<Arc<String>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let bearer = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|given| same(given.trim(), &token));
    let cookie = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(COOKIE_NAME)?.strip_prefix('='))
        .any(|given| same(given, &token));
    if bearer || cookie {
        return next.run(request).await;
    }
    // `/?token=…` from a shared link: set the cookie and drop the token from the address bar.
    let pairs = Query::<Vec<(String, String)>>::try_from_uri(request.uri()).map(|q| q.0).unwrap_or_default();
    if pairs.iter().any(|(k, v)| k == "token" && same(v, &token)) {
        let rest: Vec<String> = pairs
            .iter()
            .filter(|(k, _)| k != "token")
            .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
            .collect();
        let mut location = request.uri().path().to_string();
        if !rest.is_empty() {
            location = format!("{location}?{}", rest.join("&"));
        }
        let cookie = format!("{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Strict");
        let (Ok(location), Ok(cookie)) = (HeaderValue::from_str(&location), HeaderValue::from_str(&cookie))
        else {
            return ApiError::unauthorized().into_response();
        };
        return (StatusCode::SEE_OTHER, [(LOCATION, location), (SET_COOKIE, cookie)]).into_response();
    }
    ApiError::unauthorized().into_response()
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same("s3cret", "s3cret"));
        assert!(!same("s3cre", "s3cret"));
        assert!(!same("s3creT", "s3cret"));
        assert!(valid_token("abc-123_x.y~z+/="));
        assert!(!valid_token("has space"));
        assert!(!valid_token("semi;colon"));
        assert!(!valid_token(""));
    }

    #[test]
    fn percent_encoding_keeps_unreserved() {
        assert_eq!(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }
}
