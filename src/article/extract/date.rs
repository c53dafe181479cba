//! Publication dates written as people write them ("May 14, 2019", "2019-05-14", …).
