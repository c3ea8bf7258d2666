/* events_app widget: <script src="https://EVENTS-SITE/static/embed.js" data-limit="5" async></script>
   Optional data- attributes: venue, speaker, tag, series, q (filters, as in the API), limit
   (1-50), title, theme (light, dark or auto), target (the id of an element to fill).
   It builds its list from text nodes only: nothing from the feed is ever read as HTML. */
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

  function el(name, text, cls) {
    var node = document.createElement(name);
    if (text) { node.appendChild(document.createTextNode(text)); }
    if (cls) { node.className = cls; }
    return node;
  }

  function when(event) {
    var dateOnly = event.all_day || event.time_tba;
    var options = dateOnly
      ? { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }
      : { weekday: "short", day: "numeric", month: "short", hour: "2-digit",
          minute: "2-digit", timeZone: event.timezone };
    var start = dateOnly ? new Date(event.start + "T00:00:00Z") : new Date(event.start);
    var day = new Intl.DateTimeFormat(undefined, options).format(start);
    return event.time_tba ? day + ", time to be announced" : day;
  }

  var box = el("section", "", "events-widget events-widget--" + (data.theme || "auto"));
  box.setAttribute("aria-label", data.title || "Upcoming events");
  box.appendChild(el("h2", data.title || "Upcoming events"));
  var list = el("ul");
  var status = el("p", "Loading events…");
  status.setAttribute("role", "status");
  box.appendChild(status);
  box.appendChild(list);
  var target = data.target && document.getElementById(data.target);
  if (target) { target.appendChild(box); } else { script.parentNode.insertBefore(box, script.nextSibling); }

  var style = el("style", [
    ".events-widget{font:inherit;color:inherit}",
    ".events-widget ul{list-style:none;margin:0;padding:0}",
    ".events-widget li{padding:.4em 0;border-bottom:1px solid rgba(128,128,128,.35)}",
    ".events-widget time,.events-widget .where{display:block;opacity:.8;font-size:.9em}",
    ".events-widget--dark{background:#15171a;color:#ececec;padding:.5em 1em}",
    ".events-widget--dark a{color:#8cc4ff}"
  ].join(""));
  box.appendChild(style);

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
