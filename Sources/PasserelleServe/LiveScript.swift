/// The script `serve` adds to every HTML page it serves: reload after a successful rebuild, show the errors of
/// a failed one over the page (the last good page stays). Served from the site's own origin, so the pages'
/// Content-Security-Policy (`script-src 'self'`) allows it; it builds the overlay with DOM calls, never HTML.
enum LiveScript {
    static let path = "/__passerelle/live.js"
    static let socket = "/__passerelle/live"
    static let status = "/__passerelle/status"
    static let tag = "<script src=\"\(path)\" defer></script>"

    static let source = """
    (function () {
      "use strict";
      var seen = null, overlay = null;
      function hide() { if (overlay) { overlay.remove(); overlay = null; } }
      function show(errors) {
        hide();
        overlay = document.createElement("div");
        overlay.id = "passerelle-build-errors";
        overlay.setAttribute("role", "alert");
        var s = overlay.style;
        s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto"; s.padding = "2rem";
        s.background = "#14141e"; s.color = "#fff"; s.font = "14px/1.5 monospace"; s.direction = "ltr";
        var title = document.createElement("h2");
        title.textContent = "The build failed: the page shows the last good build.";
        title.style.font = "bold 18px sans-serif";
        overlay.appendChild(title);
        errors.forEach(function (line) {
          var p = document.createElement("pre");
          p.textContent = line;
          p.style.whiteSpace = "pre-wrap"; p.style.margin = "0.5rem 0"; p.style.color = "#ffb4a8";
          overlay.appendChild(p);
        });
        document.body.appendChild(overlay);
      }
      function connect() {
        var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "\(socket)");
        socket.onmessage = function (event) {
          var status = JSON.parse(event.data);
          if (!status.ok) { seen = status.build; show(status.errors); return; }
          if (seen !== null && status.build > seen) { location.reload(); return; }
          seen = status.build;
          hide();
        };
        socket.onclose = function () { setTimeout(connect, 1000); };
      }
      connect();
    })();
    """

    /// The page with the script added before `</body>`.
    static func inject(into html: String) -> String {
        guard let end = html.range(of: "</body>", options: .backwards) else { return html + tag }
        return html.replacingCharacters(in: end, with: tag + "</body>")
    }
}
