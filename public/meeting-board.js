/* global document */
// Drag and drop on the organisers' board of B2B meetings. Without JavaScript each meeting is
// changed through its own forms; with it, dropping a meeting on a free cell moves it there and
// dropping it on another meeting swaps the two, through the same form the server checks.
const board = document.querySelector("[data-board]");
const drop = document.querySelector("[data-board-drop]");
if (board && drop) {
  document.querySelector("[data-drag-hint]")?.removeAttribute("hidden");
  let dragged = null;
  for (const cell of board.querySelectorAll("td[data-slot]")) {
    if (cell.dataset.meeting) {
      cell.draggable = true;
      cell.addEventListener("dragstart", (event) => {
        dragged = cell;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", cell.dataset.meeting);
        cell.classList.add("is-dragged");
      });
      cell.addEventListener("dragend", () => cell.classList.remove("is-dragged"));
    }
    cell.addEventListener("dragover", (event) => {
      if (dragged && dragged !== cell) {
        event.preventDefault();
        cell.classList.add("is-target");
      }
    });
    cell.addEventListener("dragleave", () => cell.classList.remove("is-target"));
    cell.addEventListener("drop", (event) => {
      event.preventDefault();
      cell.classList.remove("is-target");
      if (!dragged || dragged === cell) return;
      const set = (name, value) => {
        drop.querySelector(`input[name="${name}"]`).value = value ?? "";
      };
      set("meeting", dragged.dataset.meeting);
      if (cell.dataset.meeting) {
        set("intent", "swap");
        set("other", cell.dataset.meeting);
      } else {
        set("intent", "move");
        set("slot", cell.dataset.slot);
        set("table", cell.dataset.table);
      }
      drop.submit();
    });
  }
}
