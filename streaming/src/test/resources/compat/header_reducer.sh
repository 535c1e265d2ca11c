echo "header from the reducer"
cat
