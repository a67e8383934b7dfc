// Starts a file download without leaving the page: the server answers with Content-Disposition: attachment,
// so the browser saves the response instead of navigating to it.
export function download(url) {
  window.location.assign(url);
}
