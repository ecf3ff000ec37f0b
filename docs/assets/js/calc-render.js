// Result views, one per calculator. Each result is drawn once, in Python (handreiking_tools/tools/<tool>/view.py):
// the worker returns it with the result as `view` ({html, text, short}); this module only hands it on, so
// calculators.js keeps its interface (RENDERERS[name].render(result) -> {html, text, short}).

function passThrough(result) {
  const view = (result && result.view) || {};
  // The view is taken off the result: what is kept and exported ("Download als JSON") is the data alone.
  if (result) delete result.view;
  return { html: view.html || "", text: view.text || "", short: view.short || "" };
}

export const RENDERERS = {
  proportionaliteit: { render: passThrough },
  contractselectie: { render: passThrough },
  quotum: { render: passThrough },
};
