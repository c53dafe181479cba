//! API errors as JSON: `{"status": 400, "message": "…", "column": 7}` (`column` only for
//! queries). Library errors map by what caused them: a bad query or setting is the client's
//! (400), an unknown id 404, an index that cannot be opened 503; only faults of the server
//! itself are 500.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::error::Error;

/// An error answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiError {
    /// The HTTP status, repeated in the body.
    pub status: u16,
    /// What went wrong, in one line.
    pub message: String,
    /// 1-based column of the query text where parsing failed (query errors only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status: status.as_u16(), message: message.into(), column: None }
    }

    /// 400: a missing or malformed parameter.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: no such article or page.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 503: the index cannot be read right now, or the request took too long.
    pub fn unavailable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }

    /// 401: a token is required and was not given (or was wrong).
    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "this server needs its token: send `Authorization: Bearer TOKEN`, or open /?token=TOKEN once",
        )
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> ApiError {
        let message = error.to_string();
        match error {
            Error::Query { column, .. } => {
                ApiError { column: Some(column), ..ApiError::new(StatusCode::BAD_REQUEST, message) }
            }
            Error::Config(_) => ApiError::new(StatusCode::BAD_REQUEST, message),
            Error::NotFound(_) => ApiError::new(StatusCode::NOT_FOUND, message),
            Error::IndexMissing { .. }
            | Error::IndexLocked { .. }
            | Error::SchemaMismatch { .. }
            | Error::IndexDamaged { .. } => ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message),
            _ => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self)).into_response()
    }
}
