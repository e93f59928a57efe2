import Testing

@testable import EventPublisher
