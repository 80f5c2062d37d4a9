"""Areas: the Amsterdam hierarchy of stadsdelen, gebieden, wijken and buurten."""
