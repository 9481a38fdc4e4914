// First query through Passerelle's engine: open the index, search, fetch the records of the top 10 results.
(async function () {
  const query = new URLSearchParams(location.search).get("q");
  const manifest = (await (await fetch("/search/")).text()).match(/data-manifest="([^"]+)"/)[1];
  const load = async (path) => new Response((await fetch("/search/" + path)).body.pipeThrough(new DecompressionStream("gzip"))).json();
  const start = performance.now();
  const engine = await PasserelleSearch.Engine.open(load, manifest);
  const result = await engine.search(query);
  const records = await engine.records(result.ids.slice(0, 10));
  const time = performance.now() - start;
  document.getElementById("out").textContent = JSON.stringify({ total: result.total, time, top: records.map((r) => r.url) });
})().catch((error) => { document.getElementById("out").textContent = "error " + error; });
