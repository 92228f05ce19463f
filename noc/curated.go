package noc

type curatedTitle struct{ title, code string }

var curated = []curatedTitle{}
