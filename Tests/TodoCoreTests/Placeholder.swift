import Testing

@testable import TodoCore
