/* Sortable, filterable tables for the toolkit's rendered reports.
   Source: written for this project (no library, nothing loaded from the network). Every table of a
   rendered notebook gets headers that sort on click (numbers as numbers, text alphabetically; a
   second click reverses) and, when it has two rows or more, a box above it that keeps only the rows
   containing the typed text (case-insensitive). */
(function () {
  "use strict";
  function text(row, i) {
    var cell = row.cells[i];
    return cell ? cell.textContent.trim() : "";
  }
  function number(s) {
    var t = s.replace(/[,%\s]/g, "");
    return t !== "" && isFinite(t) ? parseFloat(t) : null;
  }
  function sort(table, i, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    rows.sort(function (a, b) {
      var x = text(a, i), y = text(b, i), nx = number(x), ny = number(y);
      if (nx !== null && ny !== null) { return (nx - ny) * dir; }
      if (nx !== null) { return -dir; }
      if (ny !== null) { return dir; }
      return x.localeCompare(y) * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
  }
  function enhance(table) {
    if (!table.tHead || !table.tBodies.length || table.getAttribute("data-tk-table")) { return; }
    table.setAttribute("data-tk-table", "1");
    var head = table.tHead.rows[table.tHead.rows.length - 1];
    Array.prototype.forEach.call(head.cells, function (th, i) {
      th.style.cursor = "pointer";
      th.title = "click to sort";
      th.addEventListener("click", function () { sort(table, i, th); });
    });
    if (table.tBodies[0].rows.length < 2) { return; }
    var box = document.createElement("input");
    box.type = "search";
    box.className = "tk-filter";
    box.placeholder = "filter rows\u2026";
    box.setAttribute("aria-label", "filter the rows of this table");
    box.style.cssText = "display:block;margin:.4em 0;padding:2px 6px;width:16em;font:inherit";
    box.addEventListener("input", function () {
      var q = box.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        r.style.display = r.textContent.toLowerCase().indexOf(q) === -1 ? "none" : "";
      });
    });
    table.parentNode.insertBefore(box, table);
  }
  function all() { Array.prototype.forEach.call(document.querySelectorAll("table"), enhance); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", all); } else { all(); }
})();
