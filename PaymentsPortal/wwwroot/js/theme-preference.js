// Remembers the chosen theme in this browser; null means "follow the system setting".
const key = "pp.theme";

export function load() {
  const value = localStorage.getItem(key);
  return value === "dark" ? true : value === "light" ? false : null;
}

export function save(dark) {
  localStorage.setItem(key, dark ? "dark" : "light");
}
