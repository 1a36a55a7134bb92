# Integer and float arithmetic in a tight loop: the evaluation loop and small-int/float churn.
total = 0
x = 0.5
i = 0
while i < 1000000:
    total += i * 3 % 7
    x = x * 1.000001 + 0.25
    i += 1
print(total, round(x, 3))
