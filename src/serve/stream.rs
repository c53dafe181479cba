//! The streamed body of `/api/export`: the export runs on a blocking thread and writes
//! through `output::ArticleStream` (the CLI's renderer) into a `ChannelWriter`, which hands
//! 64 KiB chunks to the response through a bounded channel. Memory stays bounded whatever
//! the export's size, and a client that goes away closes the channel, which stops the export
//! at its next chunk.

use std::convert::Infallible;
use std::io::{self, Write};
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame};
use tokio::sync::mpsc;

/// Bytes written before a chunk is sent.
const CHUNK: usize = 64 * 1024;

/// Chunks in flight between the export thread and the connection.
const IN_FLIGHT: usize = 4;

/// A writer whose bytes become the response body.
pub struct ChannelWriter {
    tx: mpsc::Sender<Bytes>,
    buf: Vec<u8>,
}

/// The response body reading a [`ChannelWriter`]'s chunks.
pub struct ChannelBody {
    rx: mpsc::Receiver<Bytes>,
}

/// A connected writer and body.
pub fn channel() -> (ChannelWriter, ChannelBody) {
    let (tx, rx) = mpsc::channel(IN_FLIGHT);
    (ChannelWriter { tx, buf: Vec::with_capacity(CHUNK) }, ChannelBody { rx })
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(chunk)
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client closed the connection"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.send()
    }
}

impl Body for ChannelBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.rx.poll_recv(cx).map(|chunk| chunk.map(|bytes| Ok(Frame::data(bytes))))
    }
}
