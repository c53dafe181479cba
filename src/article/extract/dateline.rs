//! Datelines: the place a story was filed from, printed before the body's first dash.
