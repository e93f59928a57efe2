import EventPublisher
import Foundation
import TodoCore

/// Carries what the bus hears into the chat's inbox, as messages.
enum BusBridge {
    /// Subscribes to `bus` and posts each event to `inbox` until the bus shuts down.
    static func forward(from bus: any EventBus, to inbox: Inbox<Msg>) -> _Concurrency.Task<Void, Never> {
        let stream = bus.subscribe()
        return _Concurrency.Task {
            for await event in stream {
                if let message = message(for: event) { inbox.post(message) }
            }
        }
    }

    static func message(for event: BusEvent) -> Msg? {
        switch event {
        case .updates(let updates):
            return .taskUpdates(updates)
        case .reminderTriggered(let trigger):
            guard case .reminderTriggered(let payload) = trigger.payload else { return nil }
            return .reminderFired(payload)
        case .status(let status):
            return .busStatus(chatStatus(status))
        case .publishFailed(let failure):
            return .publishResult(PublishResult(eventIDs: failure.eventIDs, outcome: .failed(failure.message)))
        }
    }

    static func chatStatus(_ status: EventPublisher.BusStatus) -> BusStatus {
        let health: BusStatus.Health =
            switch status.sidecar {
            case .notUsed, .ready: .up
            case .connecting: .starting
            case .unreachable, .misconfigured: .down
            }
        return BusStatus(mode: status.mode == .dapr ? .dapr : .embedded, health: health, pendingCount: status.pending)
    }
}
