import Testing

@testable import ChatTUI
