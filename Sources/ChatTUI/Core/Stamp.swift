/// A token that changes whenever a part of the model changes. Render caches remember the stamp they
/// were made for and compare by identity, so two diverging copies of a model never share a stale
/// render. Holding the object keeps its identity from being reused.
final class Stamp: Sendable {}
