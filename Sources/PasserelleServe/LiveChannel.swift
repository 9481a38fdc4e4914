import Foundation
import PasserelleContent
import PasserelleCore

/// The state of the last build and the open pages listening for the next one (WebSocket `/__passerelle/live`).
///
/// Each message is `{"build": n, "ok": true}` or `{"build": n, "ok": false, "errors": ["file:line:column: ..."]}`;
/// a page reloads when a newer build succeeded and shows the errors over itself when one failed.
final class LiveChannel: @unchecked Sendable {
    private let lock = NSLock()
    private var build = 0
    private var errors: [String] = []
    private var sockets: [ObjectIdentifier: WebSocket] = [:]

    var status: String { lock.withLock { statusText } }

    private var statusText: String {
        "{\"build\":\(build),\"ok\":\(errors.isEmpty),\"errors\":[" + errors.map(JSONString.quoted).joined(separator: ",") + "]}"
    }

    /// Records a finished build and tells every open page.
    func finished(errors: [String]) {
        lock.withLock {
            build += 1
            self.errors = errors
            let message = statusText
            for socket in sockets.values { socket.send(text: message) }
        }
    }

    /// Tells the page the current state, then every build's, until it closes its socket (on the caller's thread).
    func listen(_ socket: WebSocket) {
        let id = ObjectIdentifier(socket)
        lock.withLock {
            sockets[id] = socket
            socket.send(text: statusText)
        }
        socket.readUntilClosed()
        lock.withLock { sockets[id] = nil }
    }

    func closeAll() {
        lock.withLock {
            for socket in sockets.values { socket.close() }
            sockets = [:]
        }
    }
}
