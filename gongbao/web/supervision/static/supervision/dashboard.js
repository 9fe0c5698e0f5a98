/* Dashboard charts (ECharts, vendored): status counts, status over time, per-unit bars. */
var GB_COLORS = {red: "#c0392b", yellow: "#d4a017", blue: "#2471a3", green: "#2e8b57", done: "#7f8c8d"};
function gbDashboard(url, unitUrl) {
  fetch(url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (d) {
    var codes = Object.keys(d.labels);
    var counts = document.getElementById("counts");
    codes.forEach(function (c) {
      var s = document.createElement("span"); s.className = "c";
      s.innerHTML = '<span class="st st-' + c + '">' + d.labels[c] + "</span> " + d.counts[c];
      counts.appendChild(s);
    });
    var pie = echarts.init(document.getElementById("chart-status"));
    pie.setOption({title: {text: "状态分布（共 " + d.total + " 项）"}, tooltip: {trigger: "item"},
      series: [{type: "pie", radius: ["35%", "65%"], data: codes.map(function (c) {
        return {name: d.labels[c], value: d.counts[c], itemStyle: {color: GB_COLORS[c]}}; })}]});
    var hist = echarts.init(document.getElementById("chart-history"));
    hist.setOption({title: {text: "逐月进展"}, tooltip: {trigger: "axis"}, legend: {top: 32},
      grid: {top: 80, left: 50, right: 50}, xAxis: {type: "category", data: d.history.map(function (h) { return h.period; })},
      yAxis: [{type: "value", name: "事项"}, {type: "value", name: "平均完成%", max: 100}],
      series: codes.map(function (c) { return {name: d.labels[c], type: "bar", stack: "s", itemStyle: {color: GB_COLORS[c]},
        data: d.history.map(function (h) { return h.counts[c]; })}; }).concat([{name: "平均完成%", type: "line", yAxisIndex: 1,
        data: d.history.map(function (h) { return h.mean_percent; })}])});
    var units = d.units.slice(0, 40);
    var bars = echarts.init(document.getElementById("chart-units"));
    bars.setOption({title: {text: "各单位督办事项（前 40 个单位）"}, tooltip: {trigger: "axis"}, legend: {top: 32},
      grid: {top: 80, left: 220, right: 30}, yAxis: {type: "category", inverse: true, axisLabel: {interval: 0}, data: units.map(function (u) { return u.unit; })},
      xAxis: {type: "value"}, series: codes.map(function (c) { return {name: d.labels[c], type: "bar", stack: "u",
        itemStyle: {color: GB_COLORS[c]}, data: units.map(function (u) { return u.counts[c]; })}; })});
    bars.on("click", function (p) { var u = units[p.dataIndex]; if (u) location.href = unitUrl.replace("/0/", "/" + u.unit_id + "/"); });
    window.addEventListener("resize", function () { pie.resize(); hist.resize(); bars.resize(); });
    document.body.setAttribute("data-dashboard", "ready");
  });
}
function gbUnitChart(el, series) {
  var chart = echarts.init(document.getElementById(el));
  chart.setOption({title: {text: "各项任务完成进度"}, tooltip: {trigger: "axis"}, legend: {type: "scroll", top: 32},
    grid: {top: 80, left: 50, right: 30}, xAxis: {type: "time"}, yAxis: {type: "value", max: 100, name: "%"},
    series: series.map(function (s) { return {name: s.name, type: "line", step: "end", data: s.data}; })});
  window.addEventListener("resize", function () { chart.resize(); });
}
