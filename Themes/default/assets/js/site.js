// Passerelle default theme: the only script of the site. No third party is contacted until a visitor asks.
// Video CV facades: the YouTube or Vimeo player is loaded only when the visitor presses play.
(function () {
  "use strict";
  function loadVideo(facade) {
    var src = facade.getAttribute("data-embed");
    if (!src || !/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(src)) return false;
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = facade.getAttribute("data-title") || "";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.className = "video-frame";
    facade.replaceChildren(frame);
    frame.focus();
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".video-facade .video-play");
    if (!link) return;
    if (loadVideo(link.closest(".video-facade"))) event.preventDefault();
  });
})();
