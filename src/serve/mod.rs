//! `morgue serve`: the web page and the JSON API over one index, read-only. The API calls
//! the same library functions as the `morgue` subcommands and returns the same `Serialize`
//! values, so `/api/search` and `morgue search --json` are one record shape. The page is a
//! static shell (HTML, CSS, JS embedded in the binary) that renders everything from the API.
//!
//! Modules: `live` keeps the opened index fresh (reload on commit, 503 while it is gone),
//! `params` validates query strings, `api` maps requests to library calls, `lookup` holds the
//! article-view helpers (id lookup, whole-body highlights, near-copies), `stream` the
//! streamed export, `guard` the token check and response headers, `assets` the page. The
//! tokio runtime exists only inside [`Server::run`]: other commands never start one.

mod api;
mod assets;
mod error;
mod guard;
mod live;
mod lookup;
mod memory;
mod params;
mod stream;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;

use crate::schema::SchemaSpec;

pub use error::ApiError;
pub use live::Live;
pub use lookup::{near_copies, NearCopies};

/// Bounds on what one request may ask for.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Longest query text, in characters.
    pub max_query_chars: usize,
    /// Largest `n` (results per page, similar articles, facet values).
    pub max_n: usize,
    /// Deepest `offset` a search may page to.
    pub max_offset: usize,
    /// Time a request may take before it is answered with 503.
    pub timeout: Duration,
    /// Requests doing index work at once (others wait, within `timeout`).
    pub concurrent: usize,
    /// How often the index directory is checked for a new commit.
    pub reload_every: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_query_chars: 2000,
            max_n: 100,
            max_offset: 10_000,
            timeout: Duration::from_secs(10),
            concurrent: 16,
            reload_every: Duration::from_millis(250),
        }
    }
}

/// What `morgue serve` needs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub index_dir: PathBuf,
    pub spec: SchemaSpec,
    pub addr: SocketAddr,
    /// Required from every client (bearer token or cookie) when set.
    pub token: Option<String>,
    /// Serve a non-loopback address without a token.
    pub public: bool,
    pub limits: Limits,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "refusing to serve {addr} without a token: other machines could read the archive; \
         pass --token SECRET (clients send it as a bearer token or cookie) or --public"
    )]
    Exposed { addr: SocketAddr },

    #[error("--token must be non-empty and use only letters, digits and -._~+/=")]
    BadToken,

    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },

    #[error("server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// A server bound to its address, not yet answering.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    app: Router,
    live: Arc<Live>,
    limits: Limits,
}

/// Checks the exposure rules, opens the index (an index that cannot be opened yet is served
/// as 503 until it can) and binds the address.
pub fn bind(config: ServeConfig) -> Result<Server, ServeError> {
    if config.token.as_deref().is_some_and(|t| !guard::valid_token(t)) {
        return Err(ServeError::BadToken);
    }
    if !config.addr.ip().is_loopback() && config.token.is_none() && !config.public {
        return Err(ServeError::Exposed { addr: config.addr });
    }
    memory::cap_arenas();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("morgue-serve")
        .enable_io()
        .enable_time()
        .build()?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(config.addr))
        .map_err(|source| ServeError::Bind { addr: config.addr, source })?;
    let live = Live::open(config.index_dir.clone(), config.spec.clone());
    let state = api::AppState::new(live.clone(), config.limits.clone());
    let app = guard::wrap(
        Router::new().merge(assets::routes()).merge(api::routes(state)),
        config.token.clone(),
        config.limits.timeout,
    );
    Ok(Server { runtime, listener, app, live, limits: config.limits })
}

impl Server {
    /// The bound address (the real port when asked for port 0).
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Whether the index could be opened (false = the API answers 503 until it can).
    pub fn index_ready(&self) -> bool {
        self.live.archive().is_ok()
    }

    /// Answers requests until the process ends.
    pub fn run(self) -> Result<(), ServeError> {
        let Server { runtime, listener, app, live, limits } = self;
        let _watcher = live.watch(limits.reload_every)?;
        runtime.block_on(async move { axum::serve(listener, app).await })?;
        Ok(())
    }
}
