from acctclose.cli.app import main

main()
