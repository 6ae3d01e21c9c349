// Progressive enhancement only: every task works without this file.
document.documentElement.classList.add("js");
