# --- PYODIDE:code --- #

def per_year(value_eur, months):
    return round(value_eur / months * 12, 2)

print("Per year:", per_year(1200000, 36))
