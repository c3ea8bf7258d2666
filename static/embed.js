/* events_app widget: <script src="https://EVENTS-SITE/static/embed.js" data-limit="5" async></script>
   Optional data- attributes: venue, speaker, tag, series, q (filters, as in the API), limit
   (1-50), title, theme (light, dark or auto), target (the id of an element to fill).
   It builds its list from text nodes only: nothing from the feed is ever read as HTML. It
   renders inside a shadow root, so the host page's stylesheets cannot reach its insides, and
   its :host rules are !important, which beats the host's own !important rules on the element
   that holds it (the inner context wins among important declarations). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var data = script.dataset;
  var origin = new URL(script.src).origin;
  var params = new URLSearchParams();
  ["venue", "speaker", "tag", "series", "q"].forEach(function (name) {
    if (data[name]) { params.set(name, data[name]); }
  });
  var limit = Math.min(Math.max(parseInt(data.limit || "5", 10) || 5, 1), 50);
  params.set("limit", String(limit));
  var theme = ["light", "dark", "auto"].indexOf(data.theme) >= 0 ? data.theme : "auto";

  function el(name, text, cls) {
    var node = document.createElement(name);
    if (text) { node.appendChild(document.createTextNode(text)); }
    if (cls) { node.className = cls; }
    return node;
  }

  /* The day and time in the event's own zone, with the zone's label ("BST", "GMT+1"), as the
     event's own page shows it; a day alone for all-day events and times to be announced. */
  function when(event) {
    var dateOnly = event.all_day || event.time_tba;
    var options = dateOnly
      ? { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }
      : { weekday: "short", day: "numeric", month: "short", hour: "2-digit",
          minute: "2-digit", timeZone: event.timezone, timeZoneName: "short" };
    var start = dateOnly ? new Date(event.start + "T00:00:00Z") : new Date(event.start);
    var day = new Intl.DateTimeFormat(undefined, options).format(start);
    return event.time_tba ? day + ", time to be announced" : day;
  }

  var STYLE = [
    ":host{all:initial!important;display:block!important;visibility:visible!important;",
    "opacity:1!important;position:static!important;transform:none!important;",
    "clip-path:none!important;filter:none!important;width:auto!important;height:auto!important;",
    "max-height:none!important;overflow:visible!important;",
    "font:medium/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif!important}",
    ".events-widget{--bg:#ffffff;--fg:#1b1b1b;--muted:#555555;--accent:#0b57a4;--line:#d8d8d8;",
    "background:var(--bg);color:var(--fg);padding:.5em 1em}",
    "@media (prefers-color-scheme:dark){.events-widget--auto{--bg:#15171a;--fg:#ececec;",
    "--muted:#b5b5b5;--accent:#8cc4ff;--line:#3a3d42}}",
    ".events-widget--dark{--bg:#15171a;--fg:#ececec;--muted:#b5b5b5;--accent:#8cc4ff;",
    "--line:#3a3d42}",
    "h2{font-size:1.2em;margin:0 0 .4em}",
    "ul{list-style:none;margin:0;padding:0}",
    "li{padding:.4em 0;border-bottom:1px solid var(--line)}",
    "a{color:var(--accent)}",
    "time,.where{display:block;color:var(--muted);font-size:.9em}",
    "p{margin:.4em 0}"
  ].join("");

  var host = el("div");
  host.setAttribute("data-events-widget", "");
  var root = host.attachShadow({ mode: "open" });
  root.appendChild(el("style", STYLE));
  var box = el("section", "", "events-widget events-widget--" + theme);
  box.setAttribute("aria-label", data.title || "Upcoming events");
  box.appendChild(el("h2", data.title || "Upcoming events"));
  var list = el("ul");
  var status = el("p", "Loading events…");
  status.setAttribute("role", "status");
  box.appendChild(status);
  box.appendChild(list);
  root.appendChild(box);
  var target = data.target && document.getElementById(data.target);
  if (target) { target.appendChild(host); } else { script.parentNode.insertBefore(host, script.nextSibling); }

  fetch(origin + "/api/v1/events?" + params.toString(), { credentials: "omit" })
    .then(function (response) {
      if (response.ok) { return response.json(); }
      // The API says what went wrong (a filter naming nothing: "No venue ... is listed here.");
      // a body that is not its JSON leaves the plain message.
      return response.json().then(function (body) {
        var message = body && body.error && body.error.message;
        throw { shown: typeof message === "string" ? message : "" };
      }, function () { throw { shown: "" }; });
    })
    .then(function (page) {
      status.textContent = page.events.length ? "" : "No upcoming events.";
      page.events.forEach(function (event) {
        var item = el("li");
        var link = el("a", (event.status === "cancelled" ? "Cancelled: " : "") + event.title);
        link.href = event.url;
        item.appendChild(link);
        var time = el("time", when(event));
        time.setAttribute("datetime", event.start);
        item.appendChild(time);
        if (event.venues.length) { item.appendChild(el("span", event.venues[0].name, "where")); }
        list.appendChild(item);
      });
      var more = el("a", "All events");
      more.href = origin + "/";
      box.appendChild(el("p")).appendChild(more);
    })
    .catch(function (error) {
      status.textContent = (error && error.shown) || "Events could not be loaded.";
    });
}());
