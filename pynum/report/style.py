"""The report page's inline style and script (screen and print)."""

from __future__ import annotations

CSS = """
:root{--proved:#1b7f3b;--refuted:#c0392b;--reproduced:#117a8b;--not-reproduced:#d35400;
--not-checkable:#6c757d;--open:#6f42c1;--line:#d8dde3}
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;max-width:1120px;
padding:0 20px 40px;color:#1d2329;line-height:1.45;font-size:15px}
header{border-bottom:1px solid var(--line);padding:10px 0 4px}
h1{font-size:24px;margin:8px 0 4px}h2{font-size:20px;margin:26px 0 8px;border-bottom:1px solid var(--line)}
h3{font-size:16px;margin:18px 0 4px}
nav a{margin-right:14px;font-size:14px}.generated{color:#5f6b76;font-size:13px;margin:4px 0}
.badge{display:inline-block;min-width:98px;text-align:center;padding:1px 8px;border-radius:10px;color:#fff;
font-size:12.5px;font-weight:600;white-space:nowrap;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.v-proved{background:var(--proved)}.v-refuted{background:var(--refuted)}.v-reproduced{background:var(--reproduced)}
.v-not-reproduced{background:var(--not-reproduced)}.v-not-checkable{background:var(--not-checkable)}
.v-open{background:var(--open)}
.v-good{background:var(--proved)}.v-bad{background:var(--refuted)}
ul.tally{list-style:none;padding:0;margin:6px 0;display:flex;gap:18px;flex-wrap:wrap;font-size:17px}
.legend{color:#5f6b76;font-size:13px;margin:4px 0 8px}
.seed{color:#8a949e;font-weight:400;font-size:12px;margin-left:6px}
table{border-collapse:collapse;width:100%}
table.claims th,table.claims td{padding:2px 8px;font-size:14px;border-bottom:1px solid #eef0f2;vertical-align:top;text-align:left}
table.claims th{width:44px}table.claims td.short{width:31%}table.claims td.verdict{width:120px}
table.claims td.finding{color:#3a444d;font-size:13.5px}
figure{margin:18px 0;padding:0;break-inside:avoid}figure img{max-width:100%;height:auto;display:block}
figcaption{font-size:13.5px;color:#3a444d;margin-top:4px}.src{color:#6c757d}
details.claim{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:0 10px}
details.claim>summary{cursor:pointer;padding:6px 0;font-size:15px}
details.claim .status{color:#5f6b76;font-size:12.5px;margin-left:8px}
details .body{padding:2px 0 8px}
aside.correction{border-left:4px solid var(--proved);background:#eef8f1;padding:6px 10px;margin:8px 0}
aside.objection{border-left:4px solid #8a6d3b;background:#fbf6ec;padding:6px 10px;margin:8px 0}
aside.objection p{margin:4px 0}
table.evidence,table.numbers,table.data{font-size:13px;margin:8px 0}
table.evidence td,table.evidence th,table.numbers td,table.numbers th,table.data td,table.data th{
border:1px solid var(--line);padding:2px 6px;text-align:left;vertical-align:top}
table.numbers caption{text-align:left;font-weight:600}
.mark{font-weight:700}.mark.ok{color:var(--proved)}.mark.bad{color:var(--refuted)}.mark.unknown{color:#6c757d}
code{font-size:12.5px}.back{font-size:12px}
table.consts{table-layout:fixed}table.consts td,table.consts th{overflow-wrap:anywhere}
ul.pub{list-style:none;padding:0;margin:0}ul.pub li{margin-bottom:4px}
@media print{
 body{max-width:none;font-size:11pt}nav,#expand-all,.back{display:none}
 details.claim{border:none;border-top:1px solid #999;border-radius:0}
 details::details-content{content-visibility:visible;display:block}
 figure{page-break-inside:avoid}a{color:inherit;text-decoration:none}
}
"""

# Marks each image once decoded (data-rendered) so a headless browser can confirm the figures
# render; opens every claim before printing (and restores afterwards); "Expand all" button;
# opening a claim's link opens its details.
SCRIPT = """<script>
(function(){
 function all(){return document.querySelectorAll('details.claim')}
 window.addEventListener('load',function(){document.querySelectorAll('img').forEach(function(i){
  i.setAttribute('data-rendered',i.complete&&i.naturalWidth>0?'yes':'no')});
  document.body.setAttribute('data-height',document.documentElement.scrollHeight)});
 var was=[];
 window.addEventListener('beforeprint',function(){was=[];all().forEach(function(d){was.push(d.open);d.open=true})});
 window.addEventListener('afterprint',function(){all().forEach(function(d,k){d.open=was[k]})});
 function openHash(){var h=location.hash.slice(1);var d=h&&document.getElementById(h);
  if(d&&d.tagName==='DETAILS'){d.open=true;d.scrollIntoView()}}
 window.addEventListener('hashchange',openHash);window.addEventListener('load',openHash);
 document.addEventListener('DOMContentLoaded',function(){var b=document.getElementById('expand-all');
  if(b)b.addEventListener('click',function(){var open=b.textContent==='Expand all';
   all().forEach(function(d){d.open=open});b.textContent=open?'Collapse all':'Expand all'})});
})();
</script>"""
