from tasks.webarena.local_site.server import main

main()
