// Tabs (WAI-ARIA tabs pattern): one panel per drplan question ("Strategies", "Migration",
// "Backup plan", "Retention", "Estate").
// A panel is selected by its tab or by the URL fragment (#strategies, #migration, #backup,
// #retention, #estate, each optionally followed by /<inputs>: see link.js); `onSelect(name)` is told.

export function setupTabs(tablist, onSelect = () => {}) {
  const tabs = [...tablist.querySelectorAll('[role="tab"]')];
  const select = (tab, focus, keepHash = false) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
    }
    const skip = document.querySelector('.skip-link');
    const results = document.getElementById(tab.getAttribute('aria-controls'))?.querySelector('.results-area');
    if (skip && results) skip.href = `#${results.id}`;
    if (focus) tab.focus();
    if (!keepHash) history.replaceState(null, '', `#${tab.dataset.tab}`);
    onSelect(tab.dataset.tab);
  };
  tablist.addEventListener('click', (ev) => {
    const tab = ev.target.closest('[role="tab"]');
    if (tab) select(tab, false);
  });
  tablist.addEventListener('keydown', (ev) => {
    const i = tabs.indexOf(document.activeElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[ev.key];
    if (next === undefined) return;
    ev.preventDefault();
    select(tabs[(next + tabs.length) % tabs.length], true);
  });
  const name = /^#([a-z]+)/.exec(location.hash)?.[1];
  const fromHash = tabs.find((t) => t.dataset.tab === name);
  if (fromHash) select(fromHash, false, true);
  else select(tabs.find((t) => t.getAttribute('aria-selected') === 'true') ?? tabs[0], false, true);
}
