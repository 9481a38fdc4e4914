// Query time in the page, the index's manifest opened once (as the search page does on load). Each query of
// ?q=a|b|c is run by a new engine over it, from the call to the top 10 results' data, in three rounds: the first
// fetches the shards and record chunks each query needs from the server (cold), the next two find them in the
// browser's cache (warm: a visitor's next queries, the words typed one letter more). Prints the times in ms.
(async function () {
  const queries = new URLSearchParams(location.search).get("q").split("|");
  const manifestPath = (await (await fetch("/search/")).text()).match(/data-manifest="([^"]+)"/)[1];
  const cached = new Map();
  const fetchJSON = async (path) => new Response((await fetch("/search/" + path, { cache: "no-store" })).body.pipeThrough(new DecompressionStream("gzip"))).json();
  const load = (path) => {
    if (!cached.has(path)) cached.set(path, fetchJSON(path));
    return cached.get(path).then((value) => JSON.parse(JSON.stringify(value)));
  };
  const manifest = await load(manifestPath);
  const cold = [], warm = [];
  for (let round = 0; round < 3; round++) {
    for (const query of queries) {
      const engine = await PasserelleSearch.Engine.open(() => Promise.resolve(manifest), manifestPath);
      engine.load = round === 0 ? (path) => { cached.delete(path); return load(path); } : load;
      const start = performance.now();
      const result = await engine.search(query);
      await engine.records(result.ids.slice(0, 10));
      (round === 0 ? cold : warm).push(performance.now() - start);
    }
  }
  document.getElementById("out").textContent = JSON.stringify({ cold, warm });
})().catch((error) => { document.getElementById("out").textContent = "error " + error; });
