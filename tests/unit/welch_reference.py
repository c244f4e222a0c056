# Reference values for tests/unit/test_insights.cpp, computed without niggle's code: means and
# variances with Python's statistics module, the t distribution by Simpson's rule over its density.
# Run: python3 tests/unit/welch_reference.py
import math, statistics
def tpdf(x, df): return math.exp(math.lgamma((df+1)/2)-math.lgamma(df/2))/math.sqrt(df*math.pi)*(1+x*x/df)**(-(df+1)/2)
def upper_tail(t, df, n=200000):
    # P(T > t) = integral from t to inf; substitute x = t + u/(1-u)
    h=1.0/n; s=0.0
    for i in range(n+1):
        u=i*h
        if u>=1: f=0.0
        else:
            x=t+u/(1-u); f=tpdf(x,df)/(1-u)**2
        w=1 if i in (0,n) else (4 if i%2 else 2)
        s+=w*f
    return s*h/3
def quantile(p, df):
    lo,hi=0.0,50.0
    for _ in range(60):
        m=(lo+hi)/2
        if upper_tail(m,df,20000)>1-p: lo=m
        else: hi=m
    return (lo+hi)/2
a=[6,5,7,6,8,5,6,7]; b=[4,3,5,4,4,3,5,2,4,3,4,5]
ma,mb=statistics.mean(a),statistics.mean(b); va,vb=statistics.variance(a),statistics.variance(b)
sa,sb=va/len(a),vb/len(b); se=math.sqrt(sa+sb); df=(sa+sb)**2/(sa*sa/(len(a)-1)+sb*sb/(len(b)-1))
t=(ma-mb)/se; p=2*upper_tail(t,df); q=quantile(0.975,df)
print(f"diff={ma-mb!r} se={se!r} df={df!r} t={t!r} p={p!r} q={q!r} lo={ma-mb-q*se!r} hi={ma-mb+q*se!r}")
a2=[3,4,2,5,3]; b2=[3,2,4,3,3,4,2]
ma,mb=statistics.mean(a2),statistics.mean(b2); va,vb=statistics.variance(a2),statistics.variance(b2)
sa,sb=va/len(a2),vb/len(b2); se=math.sqrt(sa+sb); df=(sa+sb)**2/(sa*sa/(len(a2)-1)+sb*sb/(len(b2)-1))
t=(ma-mb)/se; p=2*upper_tail(abs(t),df)
print(f"diff={ma-mb!r} df={df!r} t={t!r} p={p!r}")
print("t10", quantile(0.975,10), "t30", quantile(0.975,30), "p(t=2.5,df=7)", upper_tail(2.5,7))
