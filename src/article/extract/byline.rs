//! Bylines: "By NAME and NAME, Publication", "NAME And NAME, Publication on DATE".
