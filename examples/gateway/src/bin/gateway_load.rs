//! `gateway-load`: the load and fault test of the gateway (written next).

fn main() {}
