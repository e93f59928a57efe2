import Testing

@testable import TaskIntent
