import GridcaseApp

await GridcaseMain.run()
