from kansrijk.cli import main

main()
