export const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin: 32px 0 10px; font-size: 19px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; font-family: ui-monospace, monospace; }
.meta, .note, footer { color: #666; font-size: 13px; }
.headline { font-size: 17px; margin: 8px 0; }
.empty { color: #777; font-style: italic; }
.warning { background: #fff4e0; border-left: 4px solid #e0a030; padding: 6px 10px; }
code { font: 13px ui-monospace, "SFMono-Regular", Menlo, monospace; word-break: break-all; }
table.data { border-collapse: collapse; width: 100%; font-size: 14px; }
table.data th, table.data td { border-bottom: 1px solid #e4e4e4; padding: 6px 8px; text-align: left; vertical-align: top; }
table.data th { background: #f6f6f6; font-weight: 600; }
td.input { max-width: 380px; }
td.big { font-size: 17px; font-weight: 600; white-space: nowrap; }
.sub { color: #777; font-size: 12px; }
details summary { cursor: pointer; color: #555; font-size: 12px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.chart { position: relative; height: 320px; flex: 1 1 460px; min-width: 320px; }
.chart.wide { width: 100%; }
table.source { border-collapse: collapse; font: 13px/1.35 ui-monospace, Menlo, monospace; width: 100%; }
table.source td, table.source th { padding: 0 8px; white-space: pre; }
table.source th { text-align: left; background: #f6f6f6; }
td.ln { color: #999; text-align: right; }
td.hits { text-align: right; color: #333; min-width: 70px; }
tr.gap td { color: #999; font-style: italic; white-space: normal; }
tr.target td { outline: 2px solid #2a6fb0; }
details.source { margin: 8px 0; }
details.source > summary { font-size: 14px; color: #222; padding: 4px 0; }
table.data td.num { text-align: right; white-space: nowrap; }
table.hot td.code code { white-space: pre; word-break: normal; }
footer { margin-top: 40px; border-top: 1px solid #ddd; padding-top: 8px; }
`;
