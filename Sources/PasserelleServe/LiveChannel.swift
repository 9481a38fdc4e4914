import FlyingFox
import Foundation
import PasserelleContent

/// The state of the last build and the open pages listening for the next one (WebSocket `/__passerelle/live`).
///
/// Each message is `{"build": n, "ok": true}` or `{"build": n, "ok": false, "errors": ["file:line:column: ..."]}`;
/// a page reloads when a newer build succeeded and shows the errors over itself when one failed.
actor LiveChannel {
    private(set) var build = 0
    private(set) var errors: [String] = []
    private var listeners: [UUID: AsyncStream<WSMessage>.Continuation] = [:]

    var status: String {
        "{\"build\":\(build),\"ok\":\(errors.isEmpty),\"errors\":[" + errors.map(JSONString.quoted).joined(separator: ",") + "]}"
    }

    /// Records a finished build and tells every open page.
    func finished(errors: [String]) {
        build += 1
        self.errors = errors
        let message = status
        for listener in listeners.values { listener.yield(.text(message)) }
    }

    func listen(_ continuation: AsyncStream<WSMessage>.Continuation) -> UUID {
        let id = UUID()
        listeners[id] = continuation
        continuation.yield(.text(status))
        return id
    }

    func stopListening(_ id: UUID) { listeners[id] = nil }

    func closeAll() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }
}

/// One open page's WebSocket: it receives the channel's messages; what it sends is ignored.
struct LiveSocket: WSMessageHandler {
    let channel: LiveChannel

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        let id = await channel.listen(continuation)
        let channel = self.channel
        Task {
            for await _ in client {}
            await channel.stopListening(id)
            continuation.finish()
        }
        return stream
    }
}
