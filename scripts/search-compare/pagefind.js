// First query through Pagefind's own API: init, search, load the data of the top 10 results (what its UI shows).
const query = new URLSearchParams(location.search).get("q");
try {
  const start = performance.now();
  const pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  const time = performance.now() - start;
  document.getElementById("out").textContent = JSON.stringify({ total: search.results.length, time, top: data.map((d) => d.url) });
} catch (error) {
  document.getElementById("out").textContent = "error " + error;
}
